/** Helpers shared by the blob store implementations; not API. */
package org.acai.server.blob.internal;
