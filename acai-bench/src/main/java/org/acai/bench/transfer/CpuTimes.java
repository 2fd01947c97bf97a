package org.acai.bench.transfer;

/**
 * CPU seconds used so far on each side of a command, from {@code /proc} on Linux (0 elsewhere).
 *
 * @param server the server process's user and system CPU (its JVM; PostgreSQL runs in processes of
 *     its own)
 * @param client the command lines this process has run and waited for, and the resident client
 */
public record CpuTimes(double server, double client) {
  /**
   * The CPU used so far by the server {@code serverPid} and the client, its resident one {@code
   * daemonPid} (none if negative).
   */
  public static CpuTimes now(long serverPid, long daemonPid) {
    double daemon = daemonPid < 0 ? 0 : ProcStat.cpuSeconds(Long.toString(daemonPid), false);
    return new CpuTimes(
        ProcStat.cpuSeconds(Long.toString(serverPid), false),
        ProcStat.waitedForChildren() + daemon);
  }

  /** The CPU used between {@code before} and this. */
  public CpuTimes since(CpuTimes before) {
    return new CpuTimes(server - before.server, client - before.client);
  }
}
