/** The blob store in an S3 bucket (AWS or S3-compatible), with presigned URLs for clients. */
package org.acai.server.blob.s3;
