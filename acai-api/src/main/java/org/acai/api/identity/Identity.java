package org.acai.api.identity;

/**
 * Who a token belongs to: the answer of {@code GET /credential/whoami}.
 *
 * @param userId the user's id; 0 for the global admin
 * @param userName the user's name
 * @param projectId the user's project; null for the global admin
 * @param role what the token may do
 */
public record Identity(long userId, String userName, String projectId, Role role) {}
