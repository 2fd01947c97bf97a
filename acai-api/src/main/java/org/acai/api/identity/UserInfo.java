package org.acai.api.identity;

/**
 * A project member, as listed by {@code GET /credential/list_users}.
 *
 * @param userId the user's id
 * @param userName the user's name
 * @param role the user's role in the project
 * @param createdAt creation time, Unix milliseconds
 * @param activeTokens how many unrevoked, unexpired tokens the user has
 */
public record UserInfo(long userId, String userName, Role role, long createdAt, int activeTokens) {}
