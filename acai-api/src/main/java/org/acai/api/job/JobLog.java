package org.acai.api.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A job's log, whole ({@code get_job_log}) or from a line on ({@code follow_job_log}).
 *
 * @param jobId the job (named {@code jobId} on the wire, as the original documented)
 * @param log the text, lines joined with newlines
 * @param lines the lines returned
 * @param nextLine the line number to ask for next when following
 * @param finished whether the job has ended, so no more lines will come
 */
public record JobLog(
    @JsonProperty("jobId") long jobId,
    String log,
    List<String> lines,
    long nextLine,
    boolean finished) {}
