package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.storage.CreateFileSetFromDraftRequest;
import org.acai.api.storage.CreateFileSetRequest;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetDownload;
import org.acai.api.storage.FileSetDraft;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.sdk.transfer.Transfers;

/** File sets: named, versioned, immutable lists of exact file versions. Thread-safe. */
public final class FileSetClient {
  private static final TypeReference<List<FileSetVersionInfo>> VERSIONS = new TypeReference<>() {};
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private static final Path CURRENT_DIRECTORY = Path.of(".");

  private final Transport transport;
  private final Transfers transfers;
  private final SmallFileDownloads smallFiles;

  FileSetClient(Transport transport, Transfers transfers) {
    this.transport = transport;
    this.transfers = transfers;
    this.smallFiles = new SmallFileDownloads(new BatchTransfers(transport));
  }

  /**
   * Creates the next version of a file set from files ({@code path}, {@code path:N}) and other sets
   * ({@code @set}, {@code @set:N}, flattened into their files), resolved to exact versions now.
   *
   * @return the new version's id {@code name:N} and its files {@code path:N}
   * @throws org.acai.api.error.NoSuchFileException naming an unknown file member
   * @throws org.acai.api.error.NoSuchFileSetException naming an unknown set member
   * @throws org.acai.api.error.InvalidRequestException if the name or a member is malformed
   */
  public FileSetContent createFileSet(String name, List<String> members) {
    return transport.post(
        "/storage/create_file_set", new CreateFileSetRequest(name, members), FileSetContent.class);
  }

  /** Opens a draft that batch uploads add members to (see {@link FileClient#uploadForFileSet}). */
  FileSetDraft openDraft() {
    return transport.post("/storage/open_file_set_draft", Map.of(), FileSetDraft.class);
  }

  /** Makes an open draft the next version of a file set, with {@code more} members beside. */
  FileSetVersionInfo createFromDraft(String name, long draft, List<String> more) {
    return transport.post(
        "/storage/create_file_set_from_draft",
        new CreateFileSetFromDraftRequest(name, draft, more),
        FileSetVersionInfo.class);
  }

  /**
   * The members of {@code name[:N]} (the latest version when none is given).
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   */
  public FileSetContent listFileSetContent(String vagueName) {
    return transport.get(
        "/storage/resolve_file_set", Map.of("vague_name", vagueName), FileSetContent.class);
  }

  /**
   * The explicit id {@code name:N} of a vague name.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   */
  public String resolveVagueName(String vagueName) {
    return listFileSetContent(vagueName).id();
  }

  /**
   * Every version of a file set, oldest first.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set
   */
  public List<FileSetVersionInfo> listFileSetVersions(String name) {
    return transport.get("/storage/list_file_set_versions", Map.of("name", name), VERSIONS);
  }

  /** The names of the project's file sets. */
  public List<String> listFileSets() {
    return transport.get("/storage/list_file_sets", Map.of(), NAMES);
  }

  /**
   * Downloads a file set into the current directory, refusing files that exist: the original's
   * {@code download_file_set(name)} with its default mount point; see {@link
   * #downloadFileSet(String, Path, ExistingFiles, TransferOptions)}.
   *
   * @return the explicit id {@code name:N} of the downloaded version
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   * @throws org.acai.api.error.ConflictException if a file exists already
   */
  public String downloadFileSet(String vagueName) {
    return downloadFileSet(vagueName, CURRENT_DIRECTORY);
  }

  /**
   * Downloads a file set under {@code mountPoint}, refusing files that exist; see {@link
   * #downloadFileSet(String, Path, ExistingFiles, TransferOptions)}.
   *
   * @throws org.acai.api.error.ConflictException if a file exists already
   */
  public String downloadFileSet(String vagueName, Path mountPoint) {
    return downloadFileSet(vagueName, mountPoint, ExistingFiles.REFUSE, TransferOptions.defaults());
  }

  /**
   * Downloads a file set under {@code mountPoint}, each member at its remote path made relative
   * ({@code /allen/d/2.txt} to {@code mountPoint/allen/d/2.txt}). Every target is checked before
   * anything is written: none may leave the mount point, none may be a folder, and with {@link
   * ExistingFiles#REFUSE} none may exist. The mount point must exist (null means the current
   * directory); folders inside it are created. Files are fetched in parallel and checked against
   * their SHA-256.
   *
   * @return the explicit id {@code name:N} of the downloaded version
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   * @throws org.acai.api.error.ConflictException if files exist and may not be replaced, or a
   *     folder or file is in the way
   * @throws org.acai.api.error.InvalidRequestException if the mount point is not a directory, or a
   *     member would land outside it
   * @throws org.acai.api.error.ServiceFailureException if transfers keep failing
   */
  public String downloadFileSet(
      String vagueName, Path mountPoint, ExistingFiles existingFiles, TransferOptions options) {
    Map<String, String> query = new HashMap<>();
    query.put("vague_name", vagueName);
    // Members fetched in batches need no presigned URL: the server signs only the others.
    smallFiles.urlMinSize().ifPresent(size -> query.put("url_min_size", Long.toString(size)));
    FileSetDownload download =
        transport.get("/storage/download_file_set", query, FileSetDownload.class);
    MountPlan plan =
        MountPlan.of(download, mountPoint == null ? CURRENT_DIRECTORY : mountPoint, existingFiles);
    List<String> ids =
        download.files().stream().map(entry -> entry.path() + ":" + entry.version()).toList();
    transfers.download(smallFiles.download(plan.prepare(), ids, download.id(), options), options);
    return download.id();
  }
}
