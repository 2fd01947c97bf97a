package org.acai.api.identity;

/**
 * What removing a user or a project did.
 *
 * @param target {@code user 12} or {@code project vision}
 * @param revokedTokens tokens revoked (user and job tokens)
 * @param forgottenVersions file versions forgotten (a project's; 0 for a user, whose files stay)
 */
public record Removal(String target, long revokedTokens, long forgottenVersions) {}
