package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ErrorCode;
import org.acai.api.lifecycle.Usage;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.DirectoryPage;
import org.acai.api.storage.FileVersionInfo;
import org.acai.api.storage.ResolvedPath;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.sdk.transfer.Transfers;

/**
 * The versioned file store: list, upload (each upload of a path makes its next version), download,
 * versions. Uploads declare each file's size and SHA-256, which the server checks; bytes move in
 * parallel to presigned URLs. Thread-safe.
 */
public final class FileClient {
  private static final TypeReference<List<DirectoryEntry>> ENTRIES = new TypeReference<>() {};
  private static final TypeReference<List<FileVersionInfo>> VERSIONS = new TypeReference<>() {};
  private static final int PAGE = 1000;

  private final Transport transport;
  private final Uploader uploader;
  private final Downloader downloader;
  private final FileSetClient fileSets;

  FileClient(Transport transport, Transfers transfers, FileSetClient fileSets) {
    this.transport = transport;
    this.uploader = new Uploader(transport, transfers);
    this.downloader = new Downloader(transport, transfers);
    this.fileSets = fileSets;
  }

  /**
   * The direct children of a remote directory; a file's {@code version} is its latest.
   *
   * @throws org.acai.api.error.NoSuchFileException if the directory does not exist
   */
  public List<DirectoryEntry> listDir(String directory) {
    return transport.get("/storage/list_directory", Map.of("directory_path", directory), ENTRIES);
  }

  /**
   * One page of a remote directory's children: subdirectories first, then files, each by name.
   *
   * @param after the previous page's {@link DirectoryPage#next()}; null for the first page
   * @param limit most entries in the page, 1 to 10,000
   * @throws org.acai.api.error.NoSuchFileException if the directory does not exist
   * @throws org.acai.api.error.InvalidRequestException if the limit is out of range
   */
  public DirectoryPage listDirPage(String directory, String after, int limit) {
    Map<String, String> query = new HashMap<>();
    query.put("directory_path", directory);
    query.put("limit", Integer.toString(limit));
    if (after != null) {
      query.put("after", after);
    }
    return transport.get("/storage/list_directory_page", query, DirectoryPage.class);
  }

  /**
   * The children of a remote directory as {@link #listDirPage} reads them, a page of 1,000 at a
   * time as the stream is consumed: memory stays flat however large the directory.
   *
   * @throws org.acai.api.error.NoSuchFileException if the directory does not exist (when the stream
   *     is first consumed)
   */
  public Stream<DirectoryEntry> streamDir(String directory) {
    DirectoryPages pages = new DirectoryPages(after -> listDirPage(directory, after, PAGE));
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Uploads {@code {local: remote}}; see {@link #upload(List, List, TransferOptions)}.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   */
  public FilesList upload(Map<String, String> localToRemote) {
    return upload(FileMapping.pairs(localToRemote), null, TransferOptions.defaults());
  }

  /**
   * Uploads (local, remote) pairs; see {@link #upload(List, List, TransferOptions)}.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   */
  public FilesList upload(List<FilePair> localToRemote) {
    return upload(localToRemote, null, TransferOptions.defaults());
  }

  /**
   * Uploads (local, remote) pairs, also adding the outcome to {@code results}.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   */
  public FilesList upload(List<FilePair> localToRemote, List<FilePair> results) {
    return upload(localToRemote, results, TransferOptions.defaults());
  }

  /**
   * Uploads (local, remote) pairs in one upload session (several past 10,000 files); the same path
   * twice makes two versions, in list order. Nothing is sent unless every local file is readable.
   *
   * @param localToRemote local files and their remote paths ({@code /dir/name})
   * @param results when not null, receives the uploaded pairs too (even when it starts empty)
   * @param options progress listener, parallelism and retries
   * @return (local, remote:version) pairs in the order given
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read, or a remote
   *     path is invalid
   * @throws org.acai.api.error.ConflictException if a remote path clashes with a directory
   * @throws org.acai.api.error.ServiceFailureException if transfers keep failing
   */
  public FilesList upload(
      List<FilePair> localToRemote, List<FilePair> results, TransferOptions options) {
    Map<String, Long> sizes = localToRemote instanceof FilesList list ? list.sizesSeen() : Map.of();
    List<FilePair> uploaded = uploader.upload(List.copyOf(localToRemote), sizes, options);
    if (results != null) {
      results.addAll(uploaded);
    }
    return new FilesList(this, uploaded);
  }

  /**
   * Uploads (local, remote) pairs as {@link #upload(List, List, TransferOptions)} does, for a file
   * set to follow: the batches of small files also add their versions to a file-set draft in their
   * own transactions, so that {@link FilesList#asNewFileSet} on the returned list makes the set
   * without naming each member again. A draft that no set is made from is removed by GC after a
   * day; until then it keeps its versions from being purged.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read, or a remote
   *     path is invalid
   * @throws org.acai.api.error.ConflictException if a remote path clashes with a directory
   */
  public FilesList uploadForFileSet(List<FilePair> localToRemote, TransferOptions options) {
    Map<String, Long> sizes = localToRemote instanceof FilesList list ? list.sizesSeen() : Map.of();
    SmallFileBatches.Batched uploaded =
        uploader.upload(List.copyOf(localToRemote), sizes, options, this::openDraft);
    return new FilesList(this, uploaded.pairs(), Map.of())
        .withDraft(uploaded.draft(), uploaded.undrafted());
  }

  /** A new draft's id; null (the set is made from ids) if the user has too many open. */
  private Long openDraft() {
    try {
      return fileSets().openDraft().draftId();
    } catch (AcaiException e) {
      if (e.code() != ErrorCode.TOO_MANY_REQUESTS) {
        throw e;
      }
      return null;
    }
  }

  /**
   * Downloads {@code {remote[:N]: local}}; see {@link #download(Map, TransferOptions)}.
   *
   * @throws org.acai.api.error.NoSuchFileException if a remote file or version does not exist
   */
  public List<FilePair> download(Map<String, String> remoteToLocal) {
    return download(remoteToLocal, TransferOptions.defaults());
  }

  /**
   * Downloads remote files (the latest version when none is given) in parallel. A local path that
   * is an existing directory, or ends with {@code /}, receives {@code dir/name}, without the
   * version suffix; missing parent folders are created. Each file is checked against its SHA-256
   * and moved into place whole, replacing what was there.
   *
   * @return (local file, remote:version) pairs in the map's order
   * @throws org.acai.api.error.NoSuchFileException if a remote file or version does not exist
   * @throws org.acai.api.error.InvalidRequestException if two files would land on one local path,
   *     or a target is a directory
   * @throws org.acai.api.error.ServiceFailureException if transfers keep failing
   */
  public List<FilePair> download(Map<String, String> remoteToLocal, TransferOptions options) {
    return downloader.download(remoteToLocal, ExistingFiles.REPLACE, options);
  }

  /**
   * Downloads remote files as {@link #download(Map, TransferOptions)} does; with {@link
   * ExistingFiles#REFUSE} nothing is written when a local file is in the way.
   *
   * @return (local file, remote:version) pairs in the map's order
   * @throws org.acai.api.error.ConflictException if files exist and may not be replaced
   * @throws org.acai.api.error.NoSuchFileException if a remote file or version does not exist
   * @throws org.acai.api.error.InvalidRequestException if two files would land on one local path,
   *     or a target is a directory
   * @throws org.acai.api.error.ServiceFailureException if transfers keep failing
   */
  public List<FilePair> download(
      Map<String, String> remoteToLocal, ExistingFiles existingFiles, TransferOptions options) {
    return downloader.download(remoteToLocal, existingFiles, options);
  }

  /**
   * Every version of a remote file, oldest first.
   *
   * @throws org.acai.api.error.NoSuchFileException if the path has no versions
   */
  public List<FileVersionInfo> listFileVersions(String path) {
    return transport.get("/storage/list_file_versions", Map.of("path", path), VERSIONS);
  }

  /**
   * The explicit id {@code path:N} of a file (latest when no version), or a directory's path.
   *
   * @throws org.acai.api.error.NoSuchFileException if it is neither
   */
  public ResolvedPath resolveVaguePath(String vaguePath) {
    return transport.get(
        "/storage/resolve_vague_path", Map.of("vague_path", vaguePath), ResolvedPath.class);
  }

  /**
   * Maps local files and directories to remote paths; see {@link #convertToFileMapping(List,
   * String, List)}.
   *
   * @throws org.acai.api.error.InvalidRequestException if several paths or a directory go to a
   *     remote path without a trailing {@code /}
   */
  public UploadFileMapping convertToFileMapping(List<String> localPaths, String remotePath) {
    return convertToFileMapping(localPaths, remotePath, null);
  }

  /**
   * Maps local files and directories to remote paths, as the original {@code
   * convert_to_file_mapping}: {@code (['/a/b/3.txt', '/a/b/c/'], '/allen/')} gives {@code
   * /allen/3.txt}, and for {@code /a/b/c/1.txt} and {@code /a/b/c/d/2.txt} {@code /allen/1.txt} and
   * {@code /allen/d/2.txt}. A trailing {@code /} makes the remote path a directory; directories are
   * walked recursively. Whatever cannot be read as a regular file (dangling links, FIFOs, files or
   * folders without permission) is reported as ignored, not uploaded. Nothing is uploaded yet.
   *
   * @param ignoredPaths when not null, receives the ignored local paths too
   * @throws org.acai.api.error.InvalidRequestException if several paths or a directory go to a
   *     remote path without a trailing {@code /}
   */
  public UploadFileMapping convertToFileMapping(
      List<String> localPaths, String remotePath, List<String> ignoredPaths) {
    List<FilePair> mapped = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, Long> sizes = new HashMap<>();
    FileMapping.map(localPaths, remotePath, mapped, ignored, sizes);
    if (ignoredPaths != null) {
      ignoredPaths.addAll(ignored);
    }
    return new UploadFileMapping(new FilesList(this, mapped, sizes), List.copyOf(ignored));
  }

  /** Wraps pairs as a {@link FilesList} that uploads with this client. */
  public FilesList filesList(List<FilePair> pairs) {
    return new FilesList(this, pairs);
  }

  FileSetClient fileSets() {
    return fileSets;
  }

  /** What the caller's project stores: versions, logical and deduplicated bytes, trash, jobs. */
  public Usage usage() {
    return transport.get("/storage/usage", Map.of(), Usage.class);
  }
}
