/**
 * The ACAI Java SDK. {@link org.acai.sdk.AcaiClient} is the entry point; the static classes ({@link
 * org.acai.sdk.Project}, and the file, file-set, job and metadata facades) mirror the original
 * Python SDK and use the process's credentials.
 */
package org.acai.sdk;
