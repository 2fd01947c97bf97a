package org.acai.server.job;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.acai.server.auth.CredentialService;
import org.acai.server.blob.BlobStore;
import org.acai.server.fileset.FileSetService;
import org.acai.server.job.agent.AgentEnvironment;
import org.acai.server.meta.EntityType;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.FileService;
import org.acai.server.storage.FileVersion;

/** The agent's view of the server it runs in: inputs straight from the blob store, no network. */
public final class LocalAgentEnvironment implements AgentEnvironment {
  private static final Duration TOKEN_TTL = Duration.ofDays(7);

  private final FileService files;
  private final FileSetService fileSets;
  private final BlobStore blobs;
  private final CredentialService credentials;
  private final Path jobsDir;
  private final Supplier<URI> api;
  private final MetaTagger tagger;
  // Most jobs write no outputs and never get a token: nothing to revoke for them.
  private final Set<Long> tokenHolders = ConcurrentHashMap.newKeySet();

  LocalAgentEnvironment(
      FileService files,
      FileSetService fileSets,
      BlobStore blobs,
      CredentialService credentials,
      Path jobsDir,
      Supplier<URI> api,
      MetaTagger tagger) {
    this.files = files;
    this.fileSets = fileSets;
    this.blobs = blobs;
    this.credentials = credentials;
    this.jobsDir = jobsDir;
    this.api = api;
    this.tagger = tagger;
  }

  /** Puts metadata on a job or its output file set. */
  @FunctionalInterface
  public interface MetaTagger {
    /** Merges {@code tags} into the document of the entity {@code id} of {@code type}. */
    void tag(long project, EntityType type, String id, Map<String, Object> tags);
  }

  @Override
  public List<FileVersion> inputs(Job job) {
    return fileSets.members(job.projectId(), job.inputFileSet());
  }

  @Override
  public FileVersion code(Job job) {
    return files.version(job.projectId(), FileRef.parse(job.code()));
  }

  @Override
  public InputStream open(FileVersion version) {
    return blobs.open(version.blob());
  }

  @Override
  public Path jobsDir() {
    return jobsDir;
  }

  @Override
  public URI api() {
    return api.get();
  }

  @Override
  public String issueToken(Job job) {
    Duration ttl =
        job.timeoutSeconds() == null
            ? TOKEN_TTL
            : Duration.ofSeconds(job.timeoutSeconds()).plusHours(1);
    tokenHolders.add(job.id());
    return credentials.issueJobToken(job.creatorId(), job.id(), ttl);
  }

  @Override
  public void revokeTokens(Job job) {
    if (tokenHolders.remove(job.id())) {
      credentials.revokeJobTokens(job.id());
    }
  }

  @Override
  public void tagOutput(Job job, String explicitFileSet, Map<String, Object> tags) {
    tagger.tag(job.projectId(), EntityType.FILESET, explicitFileSet, tags);
  }

  @Override
  public void tagJob(Job job, Map<String, Object> tags) {
    if (!tags.isEmpty()) {
      tagger.tag(job.projectId(), EntityType.JOB, Long.toString(job.id()), tags);
    }
  }
}
