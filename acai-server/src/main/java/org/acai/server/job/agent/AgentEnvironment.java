package org.acai.server.job.agent;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.acai.server.job.Job;
import org.acai.server.storage.FileVersion;

/** What the agent needs from the server it runs beside. */
public interface AgentEnvironment {
  /** The members of the job's input file set. */
  List<FileVersion> inputs(Job job);

  /** The code zip's version. */
  FileVersion code(Job job);

  /** Opens a file version's bytes. */
  InputStream open(FileVersion version);

  /** Where the job's working directories live. */
  Path jobsDir();

  /** The server's own API, which the agent calls with the job's token. */
  URI api();

  /** An expiring token that acts for this job in its project. */
  String issueToken(Job job);

  /** Revokes the job's tokens once it has ended. */
  void revokeTokens(Job job);

  /**
   * Applies {@code [ACAI_TAG]} metadata to the output file set (no-op where metadata is absent).
   */
  void tagOutput(Job job, String explicitFileSet, java.util.Map<String, Object> tags);

  /**
   * Applies {@code [ACAI_TAG] job} metadata to the job itself; nothing when {@code tags} is empty.
   */
  void tagJob(Job job, java.util.Map<String, Object> tags);
}
