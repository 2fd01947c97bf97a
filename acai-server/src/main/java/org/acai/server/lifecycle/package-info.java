/**
 * The data lifecycle: soft deletes into a trash, restores, purging after the retention period, and
 * garbage collection of blobs no row references (see {@link org.acai.server.blob.BlobGuard}).
 */
package org.acai.server.lifecycle;
