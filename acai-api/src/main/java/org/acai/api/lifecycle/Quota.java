package org.acai.api.lifecycle;

/**
 * A project's quota and what it uses of it. A null limit is no limit. Only visible file versions
 * count: versions in the trash do not.
 *
 * @param projectId the project's name
 * @param maxBytes most bytes of visible file versions, each version counted once
 * @param maxFiles most visible file versions
 * @param maxRunningJobs most jobs not yet ended (queued or running) at once
 * @param usedBytes bytes of the visible file versions now
 * @param usedFiles visible file versions now
 * @param runningJobs jobs not yet ended now
 */
public record Quota(
    String projectId,
    Long maxBytes,
    Long maxFiles,
    Long maxRunningJobs,
    long usedBytes,
    long usedFiles,
    long runningJobs) {}
