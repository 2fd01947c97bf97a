package org.acai.api.lifecycle;

/**
 * Replaces a project's quota; a limit left out (null) is no limit.
 *
 * @param projectId the project's name
 * @param maxBytes most bytes of visible file versions
 * @param maxFiles most visible file versions
 * @param maxRunningJobs most jobs not yet ended at once
 */
public record SetQuotaRequest(
    String projectId, Long maxBytes, Long maxFiles, Long maxRunningJobs) {}
