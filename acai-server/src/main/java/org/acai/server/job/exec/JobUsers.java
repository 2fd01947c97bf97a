package org.acai.server.job.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.BitSet;
import org.acai.api.error.ServiceFailureException;

/**
 * Hands each running job a uid of its own, so that jobs can read neither the server's files nor
 * each other's. A server running as root takes uids from a range no account uses ({@link
 * #FIRST_UID} on): each server a random block of {@link #SLOTS} of them, so that two servers on one
 * host (or in one test JVM) hardly ever share one. Any other server can only give its own uid.
 * Thread-safe.
 */
public final class JobUsers {
  /** The first uid (and gid) given to jobs; far above the ranges of accounts and subuids. */
  public static final int FIRST_UID = 1_500_000;

  /** How many jobs of one server may hold a uid at once. */
  public static final int SLOTS = 4096;

  private static final int BLOCKS = 256;

  private final int serverUid;
  private final int serverGid;
  private final int first;
  private final BitSet taken = new BitSet(SLOTS);

  private JobUsers(int serverUid, int serverGid) {
    this.serverUid = serverUid;
    this.serverGid = serverGid;
    this.first = FIRST_UID + new SecureRandom().nextInt(BLOCKS) * SLOTS;
  }

  /** The users of this process: dedicated uids when it runs as root. */
  public static JobUsers forThisProcess() {
    try {
      Path self = Path.of("/proc/self");
      int uid = (Integer) Files.getAttribute(self, "unix:uid");
      int gid = (Integer) Files.getAttribute(self, "unix:gid");
      return new JobUsers(uid, gid);
    } catch (IOException | UnsupportedOperationException e) {
      throw new ServiceFailureException(e, "Cannot find the server's uid: %s", e.getMessage());
    }
  }

  /** Whether jobs get uids of their own (the server runs as root). */
  public boolean dedicated() {
    return serverUid == 0;
  }

  /** The server's own identity, for jobs of a runner that does not switch users. */
  public JobUser server() {
    return new JobUser(serverUid, serverGid, false);
  }

  /**
   * A uid for a job, until {@link #release}d.
   *
   * @throws ServiceFailureException if every uid of the range is taken
   */
  public synchronized JobUser acquire() {
    if (!dedicated()) {
      return server();
    }
    int slot = taken.nextClearBit(0);
    if (slot >= SLOTS) {
      throw new ServiceFailureException("Cannot start job: all %d job uids are in use", SLOTS);
    }
    taken.set(slot);
    return new JobUser(first + slot, first + slot, true);
  }

  /** Gives a uid back once nothing of its job runs any more. */
  public synchronized void release(JobUser user) {
    if (user.dedicated()) {
      taken.clear(user.uid() - first);
    }
  }
}
