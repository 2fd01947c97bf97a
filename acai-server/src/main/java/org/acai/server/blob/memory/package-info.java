/** The in-memory blob store used by fast tests. */
package org.acai.server.blob.memory;
