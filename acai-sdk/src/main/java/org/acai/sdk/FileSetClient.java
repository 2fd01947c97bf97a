package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.CreateFileSetRequest;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetDownload;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.TransferListener;
import org.acai.sdk.transfer.Transfers;

/** File sets: named, versioned, immutable lists of exact file versions. Thread-safe. */
public final class FileSetClient {
  private static final TypeReference<List<FileSetVersionInfo>> VERSIONS = new TypeReference<>() {};
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private final Transport transport;
  private final Transfers transfers;

  FileSetClient(Transport transport, Transfers transfers) {
    this.transport = transport;
    this.transfers = transfers;
  }

  /**
   * Creates the next version of a file set from files ({@code path}, {@code path:N}) and other sets
   * ({@code @set}, {@code @set:N}), resolved to exact versions now.
   *
   * @throws org.acai.api.error.NoSuchFileException naming an unknown file member
   * @throws org.acai.api.error.NoSuchFileSetException naming an unknown set member
   */
  public FileSetContent createFileSet(String name, List<String> members) {
    return transport.post(
        "/storage/create_file_set", new CreateFileSetRequest(name, members), FileSetContent.class);
  }

  /** The members of {@code name[:N]} (latest when no version). */
  public FileSetContent listFileSetContent(String vagueName) {
    return transport.get(
        "/storage/resolve_file_set", Map.of("vague_name", vagueName), FileSetContent.class);
  }

  /** The explicit id {@code name:N} of a vague name. */
  public String resolveVagueName(String vagueName) {
    return listFileSetContent(vagueName).id();
  }

  /** Every version of a file set. */
  public List<FileSetVersionInfo> listFileSetVersions(String name) {
    return transport.get("/storage/list_file_set_versions", Map.of("name", name), VERSIONS);
  }

  /** The project's file-set names. */
  public List<String> listFileSets() {
    return transport.get("/storage/list_file_sets", Map.of(), NAMES);
  }

  /**
   * Downloads a file set under {@code mountPoint}, each member at its remote path. Every target is
   * checked before anything is written: none may escape the mount point, and without {@code force}
   * none may exist. The mount point must exist; sub-folders are created.
   *
   * @param force whether existing files may be replaced (the original API's flag)
   * @return the explicit id of the downloaded version
   * @throws ConflictException if files exist and {@code force} is false
   */
  public String downloadFileSet(
      String vagueName, Path mountPoint, boolean force, TransferListener listener) {
    if (!Files.isDirectory(mountPoint)) {
      throw new InvalidRequestException(
          "Cannot download %s: mount point %s is not a directory", vagueName, mountPoint);
    }
    Path root = mountPoint.toAbsolutePath().normalize();
    FileSetDownload download =
        transport.get(
            "/storage/download_file_set", Map.of("vague_name", vagueName), FileSetDownload.class);
    List<Transfers.Task> tasks = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (FileSetDownload.Entry entry : download.files()) {
      Path target = root.resolve(entry.path().replaceFirst("^/+", "")).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new InvalidRequestException(
            "Refusing to download %s: it escapes %s", entry.path(), root);
      }
      if (Files.exists(target)) {
        existing.add(target.toString());
      }
      tasks.add(new Transfers.Task(entry.url(), target, entry.size(), entry.sha256()));
    }
    if (!force && !existing.isEmpty()) {
      throw new ConflictException(
          "Cannot download %s: %d file(s) exist, e.g. %s (use force to replace them)",
          download.id(), existing.size(), existing.get(0));
    }
    tasks.forEach(task -> createParent(task.file()));
    transfers.download(tasks, listener);
    return download.id();
  }

  private static void createParent(Path file) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file.getParent(), e);
    }
  }
}
