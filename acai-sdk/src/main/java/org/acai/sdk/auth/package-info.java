/** Credentials: environment, {@code ~/.acai/credentials}, and in-process login. */
package org.acai.sdk.auth;
