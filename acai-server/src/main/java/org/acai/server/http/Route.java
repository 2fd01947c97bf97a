package org.acai.server.http;

/**
 * One registered route, as the OpenAPI check compares it with the published document.
 *
 * @param method upper-case HTTP method
 * @param path path pattern, e.g. {@code /storage/list_directory} or {@code /blob/{key}}
 */
public record Route(String method, String path) {}
