package org.acai.api.lifecycle;

import java.util.Map;

/**
 * What a project stores.
 *
 * @param versions visible file versions
 * @param paths visible file paths
 * @param logicalBytes bytes of the visible versions, each counted once per version
 * @param physicalBytes bytes of the distinct blobs the project's versions (visible or in the trash)
 *     reference, after deduplication
 * @param trashedVersions file versions in the trash
 * @param trashedBytes their bytes
 * @param jobs visible jobs by status
 */
public record Usage(
    long versions,
    long paths,
    long logicalBytes,
    long physicalBytes,
    long trashedVersions,
    long trashedBytes,
    Map<String, Long> jobs) {
  public Usage {
    jobs = Map.copyOf(jobs);
  }
}
