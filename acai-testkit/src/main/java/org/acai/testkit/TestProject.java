package org.acai.testkit;

import org.acai.sdk.AcaiClient;

/**
 * A project created for a test, with its administrator.
 *
 * @param name the project's name
 * @param adminId the project admin's user id
 * @param adminToken the project admin's token
 * @param admin a client acting as the project admin
 */
public record TestProject(String name, long adminId, String adminToken, AcaiClient admin) {}
