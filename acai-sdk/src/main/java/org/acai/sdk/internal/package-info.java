/** HTTP plumbing of the SDK; not API, may change without notice. */
package org.acai.sdk.internal;
