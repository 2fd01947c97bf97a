/**
 * The exception hierarchy shared by server and SDK, rooted at {@link
 * org.acai.api.error.AcaiException}, and {@link org.acai.api.error.ErrorCode}, the table that maps
 * each exception to an HTTP status and back.
 */
package org.acai.api.error;
