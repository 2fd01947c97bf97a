package org.acai.bench;

import org.acai.bench.gc.GcRuns;

/**
 * Garbage collection over many versions and blobs, on the local store and on S3 (S3Proxy): time and
 * peak heap of one GC that purges half the versions and frees half the blobs, and the time of a
 * delete of a directory of many files.
 *
 * <p>Usage: {@code ./bench GcBench [--versions=1000000] [--blobs=100000] [--dir-files=100000]
 * [--stores=local,s3]}.
 */
public final class GcBench {
  private GcBench() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws Exception {
    GcRuns.run(args);
  }
}
