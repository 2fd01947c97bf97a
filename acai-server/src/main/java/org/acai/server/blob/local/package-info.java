/** The blob store on the local file system, the default for a single-machine server. */
package org.acai.server.blob.local;
