package org.acai.server.job.exec;

/**
 * The identity a job's command runs as.
 *
 * @param uid user id on this machine
 * @param gid group id on this machine
 * @param dedicated whether the uid is the job's own, used by no other running job and not the
 *     server's (false only where the server cannot switch users: then the job runs as the server's
 *     uid inside a user namespace, or unisolated when the operator chose so)
 */
public record JobUser(int uid, int gid, boolean dedicated) {
  /** {@code uid:gid}, as container engines take it. */
  public String spec() {
    return uid + ":" + gid;
  }
}
