/** A job's working directory: unpacking its code, staging its inputs, collecting its outputs. */
package org.acai.server.job.workspace;
