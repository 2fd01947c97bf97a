package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobLog;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.api.job.Lineage;
import org.acai.sdk.internal.Transport;

/**
 * Jobs of this client's project: submit, look up, wait for, kill, read logs and lineage.
 * Thread-safe.
 */
public final class JobClient {
  private static final TypeReference<List<JobInfo>> JOBS = new TypeReference<>() {};
  private static final TypeReference<List<JobState>> STATES = new TypeReference<>() {};
  private static final TypeReference<List<String>> LINES = new TypeReference<>() {};
  private static final TypeReference<Map<String, JobInfo>> SUBMITTED = new TypeReference<>() {};

  /** The most ids the server answers for in one status request. */
  public static final int MAX_IDS_PER_CALL = JobState.MAX_IDS_PER_REQUEST;

  private final Transport transport;

  JobClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * Submits a job; the server stores it as QUEUEING and starts it when capacity allows.
   *
   * @return the stored job, with its id
   * @throws org.acai.api.error.InvalidRequestException if the server refuses a field
   * @throws org.acai.api.error.NoSuchFileSetException if the input file set does not exist
   * @throws org.acai.api.error.NoSuchFileException if the code zip does not exist
   */
  public JobInfo submit(JobSpec spec) {
    return transport.post("/job_registry/new_job", spec.toSubmission(), SUBMITTED).get("job");
  }

  /**
   * One job.
   *
   * @throws NoSuchJobException if the project has no such job
   */
  public JobInfo find(long jobId) {
    return transport.get("/job_registry/job", Map.of("job_id", jobId), JobInfo.class);
  }

  /** Every job of the project, oldest first. */
  public List<JobInfo> list() {
    return transport.get("/job_registry/jobs", Map.of(), JOBS);
  }

  /**
   * A job's status, reason, exit code and (once it exists) output file set; {@link
   * JobStatus#UNKNOWN} when the project has no such job, as the original SDK's {@code
   * check_job_status}.
   */
  public JobState state(long jobId) {
    List<JobState> states =
        transport.post("/job_monitor/job_status", Map.of("ids", List.of(jobId)), STATES);
    if (states.isEmpty()) {
      return new JobState(jobId, JobStatus.UNKNOWN, null, "no such job", null);
    }
    return states.get(0);
  }

  /**
   * The states of several jobs in one request per {@value #MAX_IDS_PER_CALL} ids, in the order
   * asked; ids that are no job of the project read {@link JobStatus#UNKNOWN}.
   */
  public List<JobState> states(Collection<Long> jobIds) {
    List<Long> ids = List.copyOf(jobIds);
    List<JobState> states = new ArrayList<>(ids.size());
    for (int from = 0; from < ids.size(); from += MAX_IDS_PER_CALL) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_CALL));
      states.addAll(transport.post("/job_monitor/job_status", Map.of("ids", chunk), STATES));
    }
    return states;
  }

  /** A job's status; {@link JobStatus#UNKNOWN} when the project has no such job. */
  public JobStatus status(long jobId) {
    return state(jobId).jobStatus();
  }

  /**
   * Blocks until the job ends.
   *
   * @return its terminal state
   * @throws NoSuchJobException if the project has no such job
   */
  public JobState waitFor(long jobId) {
    return waitFor(jobId, null, state -> {});
  }

  /**
   * Blocks until the job ends or {@code timeout} passes, polling every 200 ms at first and every 2
   * s at most.
   *
   * @param timeout how long to wait at most; null waits as long as it takes
   * @return the terminal state, or the latest one if the timeout passed first (check {@link
   *     JobState#isTerminal()})
   * @throws NoSuchJobException if the project has no such job
   */
  public JobState waitFor(long jobId, Duration timeout) {
    return waitFor(jobId, timeout, state -> {});
  }

  /**
   * Like {@link #waitFor(long, Duration)}, telling {@code onChange} about the first state and each
   * change of status or reason, e.g. to show progress.
   *
   * @throws NoSuchJobException if the project has no such job
   */
  public JobState waitFor(long jobId, Duration timeout, Consumer<JobState> onChange) {
    return new JobWaiter(this, jobId).await(timeout, onChange);
  }

  /**
   * Blocks until every one of the jobs has ended or {@code timeout} passes, asking for the states
   * of those still running in one request, every 200 ms at first and every 2 s at most.
   *
   * @param timeout how long to wait at most; null waits as long as it takes
   * @return the latest state of each job, in the order asked; some are not terminal if the timeout
   *     passed first
   * @throws NoSuchJobException if one of the ids is no job of the project
   */
  public List<JobState> waitForAll(Collection<Long> jobIds, Duration timeout) {
    return JobWaiter.awaitAll(this, List.copyOf(jobIds), timeout);
  }

  /**
   * Kills a job: a queued one ends at once, a running one within seconds.
   *
   * @return the job as it is right after the request
   * @throws org.acai.api.error.ConflictException if the job has already ended
   * @throws NoSuchJobException if the project has no such job
   */
  public JobInfo kill(long jobId) {
    return transport.post("/job_registry/kill_job", Map.of("job_id", jobId), JobInfo.class);
  }

  /**
   * A job's whole log so far: standard output and error, line by line in arrival order.
   *
   * @throws NoSuchJobException if the project has no such job
   */
  public String log(long jobId) {
    return transport.get("/log_server/get_job_log", Map.of("job_id", jobId), JobLog.class).log();
  }

  /**
   * One page of a job's log from line {@code fromLine} (0-based); waits up to about 10 s for new
   * lines while the job runs.
   *
   * @throws NoSuchJobException if the project has no such job
   */
  public JobLog logFrom(long jobId, long fromLine) {
    return transport.get(
        "/log_server/follow_job_log", Map.of("job_id", jobId, "from_line", fromLine), JobLog.class);
  }

  /**
   * Hands every log line to {@code lines} as it arrives, from the first, until the job has ended
   * and its last line was delivered.
   *
   * @return the job's terminal status
   * @throws NoSuchJobException if the project has no such job
   */
  public JobStatus followLog(long jobId, Consumer<String> lines) {
    long next = 0;
    while (true) {
      JobLog page = logFrom(jobId, next);
      page.lines().forEach(lines);
      next = page.nextLine();
      if (page.finished()) {
        return status(jobId);
      }
    }
  }

  /**
   * Every status change of a job, oldest first, as {@code 2026-05-01T10:00:00.123Z RUNNING: started
   * in bubblewrap}.
   *
   * @throws NoSuchJobException if the project has no such job
   */
  public List<String> history(long jobId) {
    return transport.get("/job_registry/job_history", Map.of("job_id", jobId), LINES);
  }

  /**
   * What a job read and wrote, the jobs that made its inputs (upstream) and the jobs that used its
   * outputs (downstream), up to {@code depth} jobs away.
   *
   * @param depth 1 to 50
   * @throws NoSuchJobException if the project has no such job
   * @throws org.acai.api.error.InvalidRequestException if the depth is out of range
   */
  public Lineage lineage(long jobId, int depth) {
    return transport.get(
        "/provenance/lineage", Map.of("job_id", jobId, "depth", depth), Lineage.class);
  }

  /**
   * The jobs that made a file set (upstream) and the jobs that used it (downstream), up to {@code
   * depth} jobs away.
   *
   * @param fileSet a file set, {@code name} (latest) or {@code name:N}
   * @param depth 1 to 50
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such file set
   * @throws org.acai.api.error.InvalidRequestException if the depth is out of range
   */
  public Lineage lineage(String fileSet, int depth) {
    return transport.get(
        "/provenance/lineage", Map.of("file_set", fileSet, "depth", depth), Lineage.class);
  }

  /** A new, empty {@link Job} object bound to this client, for the original SDK's workflow. */
  public Job newJob() {
    return new Job(this);
  }
}
