package org.acai.server.blob;

import org.jdbi.v3.core.Handle;

/**
 * The database lock that keeps garbage collection and commits of content-addressed blobs apart.
 *
 * <p>The race it closes: an upload of bytes identical to a blob GC is about to delete finds the
 * blob present, so the store keeps no second copy, and commits a version naming it just after GC
 * checked that nothing does. Commits therefore hold a shared transaction lock from before they
 * touch the blob store until their versions are committed, and a sweep holds the exclusive one
 * while it checks references and deletes bytes. A sweep thus sees every version committed before
 * it, and a commit that waited for it finds the bytes gone and stores its own staged copy. Crash
 * safe: the lock ends with the transaction or the connection.
 */
public final class BlobGuard {
  /** An arbitrary application-wide key for {@code pg_advisory_xact_lock}. */
  private static final long GC_LOCK = 0x4143_4149_4743_0001L;

  private BlobGuard() {}

  /** Takes the shared lock until the handle's transaction ends; commits do not block each other. */
  public static void lockForCommit(Handle handle) {
    handle
        .createQuery("SELECT pg_advisory_xact_lock_shared(:key)")
        .bind("key", GC_LOCK)
        .mapTo(String.class)
        .one();
  }

  /** Takes the exclusive lock until the handle's transaction ends; waits for running commits. */
  public static void lockForSweep(Handle handle) {
    handle
        .createQuery("SELECT pg_advisory_xact_lock(:key)")
        .bind("key", GC_LOCK)
        .mapTo(String.class)
        .one();
  }
}
