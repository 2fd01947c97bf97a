package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.DownloadUrl;
import org.acai.api.storage.FileVersionInfo;
import org.acai.api.storage.ResolvedPath;
import org.acai.api.storage.StartUploadRequest;
import org.acai.api.storage.UploadSession;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.FilePair;
import org.acai.sdk.transfer.TransferListener;
import org.acai.sdk.transfer.Transfers;

/**
 * The versioned file store: list, upload (new versions), download, versions. Uploads go in sessions
 * of up to {@value #SESSION_FILES} files, bytes in parallel to presigned URLs. Thread-safe.
 */
public final class FileClient {
  /** Files per upload session. */
  public static final int SESSION_FILES = 5000;

  private static final TypeReference<List<DirectoryEntry>> ENTRIES = new TypeReference<>() {};
  private static final TypeReference<List<FileVersionInfo>> VERSIONS = new TypeReference<>() {};
  private static final TypeReference<List<DownloadUrl>> URLS = new TypeReference<>() {};

  private final Transport transport;
  private final Transfers transfers;
  private final FileSetClient fileSets;

  FileClient(Transport transport, Transfers transfers, FileSetClient fileSets) {
    this.transport = transport;
    this.transfers = transfers;
    this.fileSets = fileSets;
  }

  /**
   * The direct children of a remote directory; {@code version} is a file's latest.
   *
   * @throws org.acai.api.error.NoSuchFileException if the directory does not exist
   */
  public List<DirectoryEntry> listDir(String directory) {
    return transport.get("/storage/list_directory", Map.of("directory_path", directory), ENTRIES);
  }

  /**
   * Uploads {local → remote}; every upload makes a new version. Returns (local, remote:version).
   */
  public FilesList upload(Map<String, String> localToRemote) {
    return upload(FileMapping.pairs(localToRemote.entrySet()), null, TransferListener.NONE);
  }

  /**
   * Uploads (local, remote) pairs, in parallel, in order.
   *
   * @param results when not null, receives the uploaded pairs too (even when it starts empty)
   * @param listener progress, e.g. for a progress bar
   * @return the pairs with explicit remote ids {@code path:version}
   * @throws InvalidRequestException if a local file is missing or unreadable (nothing is sent)
   */
  public FilesList upload(List<FilePair> pairs, List<FilePair> results, TransferListener listener) {
    List<Long> sizes = new ArrayList<>();
    for (FilePair pair : pairs) {
      sizes.add(size(Path.of(pair.local())));
    }
    List<FilePair> uploaded = new ArrayList<>();
    for (int start = 0; start < pairs.size(); start += SESSION_FILES) {
      int end = Math.min(pairs.size(), start + SESSION_FILES);
      uploaded.addAll(session(pairs.subList(start, end), sizes.subList(start, end), listener));
    }
    if (results != null) {
      results.addAll(uploaded);
    }
    return new FilesList(this, uploaded);
  }

  private List<FilePair> session(
      List<FilePair> pairs, List<Long> sizes, TransferListener listener) {
    List<String> remote = pairs.stream().map(FilePair::remote).toList();
    UploadSession session =
        transport.post(
            "/storage/start_file_upload_session",
            new StartUploadRequest(remote, sizes, null),
            UploadSession.class);
    List<Transfers.Task> tasks = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      tasks.add(
          new Transfers.Task(
              session.files().get(i).s3Url(), Path.of(pairs.get(i).local()), sizes.get(i), null));
    }
    transfers.upload(tasks, listener);
    UploadSession done =
        transport.post(
            "/storage/finish_file_upload_session",
            Map.of("session_id", session.sessionId()),
            UploadSession.class);
    List<FilePair> uploaded = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      uploaded.add(new FilePair(pairs.get(i).local(), done.uploadedFileIds().get(i)));
    }
    return uploaded;
  }

  /**
   * Downloads {remote[:N] → local}; the latest version when none is given. A local path that is an
   * existing directory receives {@code dir/basename}.
   */
  public void download(Map<String, String> remoteToLocal) {
    download(remoteToLocal, TransferListener.NONE);
  }

  /** Downloads with progress reports. */
  public void download(Map<String, String> remoteToLocal, TransferListener listener) {
    List<String> remotes = new ArrayList<>(remoteToLocal.keySet());
    if (remotes.isEmpty()) {
      return;
    }
    List<DownloadUrl> urls =
        transport.post("/storage/download_files", Map.of("paths", remotes), URLS);
    List<Transfers.Task> tasks = new ArrayList<>();
    for (int i = 0; i < remotes.size(); i++) {
      DownloadUrl url = urls.get(i);
      Path target = target(remotes.get(i), Path.of(remoteToLocal.get(remotes.get(i))));
      tasks.add(new Transfers.Task(url.s3Url(), target, url.size(), url.sha256()));
    }
    transfers.download(tasks, listener);
  }

  /** Every version of a remote file, oldest first. */
  public List<FileVersionInfo> listFileVersions(String path) {
    return transport.get("/storage/list_file_versions", Map.of("path", path), VERSIONS);
  }

  /** The explicit id of {@code path[:N]}, or the directory. */
  public ResolvedPath resolveVaguePath(String vaguePath) {
    return transport.get(
        "/storage/resolve_vague_path", Map.of("vague_path", vaguePath), ResolvedPath.class);
  }

  /**
   * Maps local files and directories to remote paths (recursively, layout kept). A remote path
   * ending with {@code /} is a directory. Unreadable files are reported as ignored.
   */
  public UploadFileMapping convertToFileMapping(List<String> localPaths, String remotePath) {
    List<FilePair> mapped = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    FileMapping.map(localPaths, remotePath, mapped, ignored);
    return new UploadFileMapping(new FilesList(this, mapped), ignored);
  }

  /** Wraps pairs as a {@link FilesList} bound to this client. */
  public FilesList filesList(List<FilePair> pairs) {
    return new FilesList(this, pairs);
  }

  FileSetClient fileSets() {
    return fileSets;
  }

  private static Path target(String remote, Path local) {
    if (Files.isDirectory(local)) {
      String path =
          remote.lastIndexOf(':') > remote.lastIndexOf('/')
              ? remote.substring(0, remote.lastIndexOf(':'))
              : remote;
      return local.resolve(path.substring(path.lastIndexOf('/') + 1));
    }
    try {
      Path parent = local.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the folder of " + local, e);
    }
    return local;
  }

  private static long size(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidRequestException("Cannot upload %s: not a readable file", file);
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
