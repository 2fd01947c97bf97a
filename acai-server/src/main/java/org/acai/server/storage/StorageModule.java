package org.acai.server.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acai.server.blob.BlobStore;
import org.acai.server.cluster.ClusterTask;
import org.acai.server.fileset.FileSetService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.PublicUrl;
import org.acai.server.threads.Daemons;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the storage services: versioned files, upload sessions (with a janitor that discards
 * expired ones), file sets and the data plane.
 */
public final class StorageModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageModule.class);
  private static final Duration SESSION_TTL = Duration.ofHours(24);
  private static final int COMMIT_THREADS = 8;

  private final UploadService uploads;
  private final FileService files;
  private final FileSetService fileSets;
  private final DataUrls urls;
  private final List<ApiRoutes> routes;
  private final ScheduledExecutorService janitor;
  private final ClusterTask janitorTask;
  private final ExecutorService commitPool;

  /** Builds the storage services over the database and the blob store. */
  public StorageModule(
      Jdbi jdbi,
      BlobStore blobs,
      Caller caller,
      PublicUrl publicUrl,
      FileSetService.CreatedListener setListener,
      StorageSettings settings) {
    UrlSigner signer = UrlSigner.load(jdbi);
    this.urls = new DataUrls(blobs, signer, settings.urlTtl());
    // Committing a session's blobs is independent work per file (fsyncs, S3 copies): in parallel.
    this.commitPool =
        Executors.newFixedThreadPool(COMMIT_THREADS, Daemons.numbered("acai-blob-commit"));
    this.uploads = new UploadService(jdbi, blobs, urls, SESSION_TTL, commitPool, settings);
    this.files = new FileService(jdbi, urls);
    this.fileSets =
        new FileSetService(jdbi, files, urls::download, setListener, settings.maxOpenSessions());
    PackedBlobStore packed = blobs instanceof PackedBlobStore p ? p : null;
    this.routes =
        List.of(
            new StorageRoutes(uploads, files, fileSets, caller, publicUrl),
            new BlobRoutes(uploads, files, blobs, signer),
            new BatchRoutes(
                packed == null ? null : new BatchUploadService(packed, settings.maxFileBytes()),
                packed == null ? null : new BatchDownloadService(packed, fileSets::membersAt),
                caller));
    this.janitorTask = new ClusterTask(jdbi, ClusterTask.Kind.UPLOAD_JANITOR);
    this.janitor =
        Executors.newSingleThreadScheduledExecutor(Daemons.numbered("acai-upload-janitor"));
    var unused = janitor.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.MINUTES);
  }

  private void expire() {
    try {
      // One replica at a time: the others would only wait on its row locks.
      int expired = janitorTask.runIfFree(uploads::expireSessions).orElse(0);
      if (expired > 0) {
        LOG.info("Discarded {} expired upload session(s)", expired);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not expire upload sessions", e);
    }
  }

  /** The HTTP routes of storage and its data plane. */
  public List<ApiRoutes> routes() {
    return routes;
  }

  /** Versioned files. */
  public FileService files() {
    return files;
  }

  /** Upload sessions. */
  public UploadService uploads() {
    return uploads;
  }

  /** File sets. */
  public FileSetService fileSets() {
    return fileSets;
  }

  /** Data-plane URLs. */
  public DataUrls urls() {
    return urls;
  }

  @Override
  public void close() {
    janitor.shutdownNow();
    commitPool.shutdownNow();
  }
}
