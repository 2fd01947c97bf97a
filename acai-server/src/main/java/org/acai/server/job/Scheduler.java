package org.acai.server.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.acai.api.job.JobStatus;
import org.acai.server.cluster.Replica;
import org.acai.server.job.exec.Capacity;
import org.acai.server.job.exec.Executor;
import org.acai.server.job.exec.JobReporter;
import org.acai.server.job.exec.SupportsReattach;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued jobs oldest first with {@code FOR UPDATE SKIP LOCKED} (safe with several replicas)
 * for this {@link Replica} and launches them while its executor has capacity. A job that does not
 * fit yet keeps its place, with a reason such as "queued: needs 4.00 vCPU, 1.50 free". The live
 * jobs of a replica that is gone (its lease expired) are taken over by another: re-attached where
 * the executor still runs them (Kubernetes), else failed with the reason. A kill made through any
 * replica reaches the one running the job within a second.
 */
final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final long IDLE_WAIT_MILLIS = 1000;
  private static final int CLAIM_BATCH = 16;
  private static final Duration KILL_POLL = Duration.ofSeconds(1);
  private static final Duration KILL_RESEND = Duration.ofSeconds(5);

  private final Jdbi jdbi;
  private final Replica replica;
  private final Executor executor;
  private final BiFunction<Job, Runnable, JobReporter> reporters;
  private final Map<Long, Resources> running = new ConcurrentHashMap<>();

  /** Jobs a kill was sent to the executor for, and when (nanoTime) it was last sent. */
  private final Map<Long, Long> killing = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile boolean waitingForCapacity;
  private volatile boolean claiming;
  private boolean pendingWake;

  Scheduler(
      Jdbi jdbi,
      Replica replica,
      Executor executor,
      BiFunction<Job, Runnable, JobReporter> reporters) {
    this.jdbi = jdbi;
    this.replica = replica;
    this.executor = executor;
    this.reporters = reporters;
    this.thread = new Thread(this::loop, "acai-scheduler");
    this.thread.setDaemon(true);
  }

  /**
   * Takes over (or fails) the jobs this replica left running before a restart and those of replicas
   * that are gone, then starts scheduling; from then on it watches for replicas that go and for
   * kill requests made through other replicas.
   */
  void start() {
    takeOver(true);
    thread.start();
    Duration lease = replica.lease();
    replica.every(lease.dividedBy(3), () -> takeOver(false));
    replica.every(KILL_POLL, this::killRequested);
  }

  /** Asks the loop to look at the queue now. */
  void wake() {
    lock.lock();
    try {
      pendingWake = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void kill(Job job) {
    boolean queued =
        jdbi.inTransaction(
            handle -> {
              JobStore store = new JobStore(handle);
              store.requestKill(job.id());
              return store.findAny(job.id()).map(Job::status).orElse(JobStatus.UNKNOWN)
                      == JobStatus.QUEUEING
                  && !store.isLaunched(job.id())
                  && store.transition(job.id(), JobStatus.KILLED, "killed before it started", null);
            });
    if (queued) {
      return;
    }
    String owner = jdbi.withHandle(handle -> new JobLeases(handle).ownerOf(job.id())).orElse(null);
    if (replica.id().equals(owner) && sendKill(job.id())) {
      executor.kill(job.id());
    }
    // Else the replica that runs it sees the request within a second (killRequested).
  }

  /**
   * Whether to send a kill for a job now: the first time, and again every {@link #KILL_RESEND}
   * while it has not ended. A kill that arrives while the job is being launched finds nothing to
   * stop yet; without a second one the job ran to its end.
   */
  private boolean sendKill(long id) {
    long now = System.nanoTime();
    Long last = killing.putIfAbsent(id, now);
    if (last == null) {
      return true;
    }
    if (now - last < KILL_RESEND.toNanos()) {
      return false;
    }
    return killing.replace(id, last, now);
  }

  /**
   * Carries out the kill requests for this replica's jobs: those made through other replicas, and
   * those whose first kill came too early to stop anything.
   */
  private void killRequested() {
    List<Long> requested =
        jdbi.withHandle(handle -> new JobLeases(handle).killRequests(replica.id()));
    for (long id : requested) {
      if (sendKill(id)) {
        LOG.info("Job {}: kill requested, the job still runs", id);
        var unused = CompletableFuture.runAsync(() -> executor.kill(id));
      }
    }
  }

  /**
   * Takes the live jobs of replicas that are gone (and, at start, this replica's own from before a
   * restart): re-attaches those the executor still runs, fails the others with the reason.
   */
  private void takeOver(boolean atStart) {
    List<JobLeases.Taken> taken =
        jdbi.withHandle(
            handle -> new JobLeases(handle).takeOver(replica.id(), replica.lease(), atStart));
    if (taken.isEmpty() && !atStart) {
      return;
    }
    List<Job> live = taken.stream().map(JobLeases.Taken::job).toList();
    Set<Long> reattached =
        executor instanceof SupportsReattach reattaching
            ? reattaching.reattach(
                live,
                id -> jdbi.withHandle(handle -> new JobLeases(handle).isLive(id)),
                job -> {
                  running.put(job.id(), job.resources());
                  return reporters.apply(job, () -> ended(job.id()));
                })
            : Set.of();
    jdbi.useTransaction(
        handle -> {
          JobStore store = new JobStore(handle);
          for (JobLeases.Taken one : taken) {
            Job job = one.job();
            String reason = lostReason(one.previous());
            if (reattached.contains(job.id())) {
              LOG.info("Job {} re-attached in {} ({})", job.id(), executor.describe(), reason);
            } else if (store.transition(job.id(), JobStatus.FAILED, reason, null)) {
              LOG.warn("Job {} was {}: {}; marked FAILED", job.id(), job.status(), reason);
            }
          }
        });
  }

  private String lostReason(String previous) {
    if (previous == null || previous.equals(replica.id())) {
      return "server restarted";
    }
    return "replica "
        + previous
        + " stopped (no heartbeat for "
        + replica.lease().toSeconds()
        + " s)";
  }

  private void loop() {
    while (!stopped) {
      try {
        if (!launchQueued()) {
          idle();
        }
      } catch (RuntimeException e) {
        LOG.error("Scheduler step failed", e);
        idle();
      }
    }
  }

  /**
   * Launches the oldest queued jobs that fit, several per transaction, in order: a job that does
   * not fit keeps its place and those behind it wait too. Returns whether more may be queued (a
   * full batch launched); otherwise the loop idles until woken.
   */
  private boolean launchQueued() {
    lock.lock();
    try {
      // Wakes from before this claim are answered by it; later ones make the loop claim again.
      pendingWake = false;
    } finally {
      lock.unlock();
    }
    claiming = true;
    List<Job> launched;
    try {
      launched = claim();
    } finally {
      claiming = false;
    }
    for (Job job : launched) {
      running.put(job.id(), job.resources());
      executor.launch(job, reporters.apply(job, () -> ended(job.id())));
    }
    return launched.size() == CLAIM_BATCH;
  }

  private List<Job> claim() {
    Capacity total = executor.capacity();
    Resources used = running.values().stream().reduce(Resources.NONE, Resources::plus);
    String reason = "launching on " + executor.describe();
    // One statement, atomic by itself: the claimed rows stay locked only while it runs.
    JobStore.Claim claim =
        jdbi.withHandle(
            handle ->
                new JobStore(handle)
                    .claim(
                        CLAIM_BATCH,
                        total.cpuMillis() - used.cpuMillis(),
                        total.memoryBytes() - used.memoryBytes(),
                        reason,
                        replica.id()));
    Job blocked = claim.blocked();
    waitingForCapacity = blocked != null;
    if (blocked != null) {
      Resources taken = claim.launched().stream().map(Job::resources).reduce(used, Resources::plus);
      String shortfall = shortfall(blocked.resources(), taken);
      if (shortfall != null) {
        jdbi.useHandle(handle -> new JobStore(handle).updateReason(blocked.id(), shortfall));
      }
    }
    return claim.launched();
  }

  private void ended(long jobId) {
    killing.remove(jobId);
    running.remove(jobId);
    // Freed capacity matters only to a job that did not fit, or to a claim deciding right now.
    if (waitingForCapacity || claiming) {
      wake();
    }
  }

  /** Why {@code wanted} does not fit beside {@code taken} (running and just launched), or null. */
  private String shortfall(Resources wanted, Resources taken) {
    Capacity total = executor.capacity();
    long cpuFree = total.cpuMillis() - taken.cpuMillis();
    long memoryFree = total.memoryBytes() - taken.memoryBytes();
    if (wanted.cpuMillis() > cpuFree) {
      return String.format(
          "queued: needs %.2f vCPU, %.2f free", wanted.cpuMillis() / 1000.0, cpuFree / 1000.0);
    }
    if (wanted.memoryBytes() > memoryFree) {
      return String.format(
          "queued: needs %d MiB, %d MiB free", wanted.memoryBytes() >> 20, memoryFree >> 20);
    }
    return null;
  }

  private void idle() {
    lock.lock();
    try {
      long left = TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS);
      while (!pendingWake && !stopped && left > 0) {
        left = wakeUp.awaitNanos(left);
      }
      pendingWake = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    stopped = true;
    wake();
    thread.interrupt();
  }
}
