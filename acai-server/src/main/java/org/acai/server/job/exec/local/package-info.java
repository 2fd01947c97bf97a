/**
 * Runs one job command on this machine, as isolated and limited as the machine allows: bubblewrap
 * for a read-only view of the system, cgroup v1 (or rlimits) for memory, CPU and process limits, a
 * wall-clock timeout, and a kill that takes the whole process tree down.
 */
package org.acai.server.job.exec.local;
