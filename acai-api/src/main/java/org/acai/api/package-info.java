/**
 * The contract shared by the ACAI server and its clients: wire records grouped by service, the
 * exception hierarchy and its HTTP table ({@link org.acai.api.error}), and the OpenAPI document
 * ({@code org/acai/api/openapi.yaml} on the class path).
 */
package org.acai.api;
