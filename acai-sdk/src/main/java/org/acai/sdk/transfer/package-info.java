/** Parallel, retried, streamed transfers to and from presigned URLs, with progress. */
package org.acai.sdk.transfer;
