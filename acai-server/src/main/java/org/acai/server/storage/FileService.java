package org.acai.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.DirectoryPage;
import org.acai.api.storage.DownloadUrl;
import org.acai.api.storage.FileVersionInfo;
import org.acai.api.storage.ResolvedPath;
import org.acai.server.auth.Principal;
import org.acai.server.blob.BlobRef;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The read side of the versioned namespace. Thread-safe; every call is scoped to one project. */
public final class FileService {
  private final Jdbi jdbi;
  private final DataUrls urls;

  FileService(Jdbi jdbi, DataUrls urls) {
    this.jdbi = jdbi;
    this.urls = urls;
  }

  /**
   * The direct children of a directory.
   *
   * @throws NoSuchFileException if the directory does not exist
   */
  public List<DirectoryEntry> listDirectory(Principal caller, String directory) {
    StoragePath dir = StoragePath.directory(directory);
    return jdbi.withHandle(
        handle -> {
          FileStore store = new FileStore(handle);
          if (!store.isDirectory(caller.projectKey(), dir)) {
            throw new NoSuchFileException("No such directory: %s", dir);
          }
          return store.children(caller.projectKey(), dir);
        });
  }

  /**
   * A page of a directory's children, subdirectories first, then files, each by name: at most
   * {@code limit} entries after the cursor {@code after} (null: from the first), a name, with a
   * trailing {@code /} when it is a subdirectory's. The page's {@code next} is such a cursor.
   *
   * @throws NoSuchFileException if the directory does not exist
   */
  public DirectoryPage listDirectoryPage(
      Principal caller, String directory, String after, int limit) {
    StoragePath dir = StoragePath.directory(directory);
    boolean inDirectories = after == null || after.isEmpty() || after.endsWith("/");
    String from =
        after == null || after.isEmpty()
            ? null
            : child(dir, inDirectories ? after.substring(0, after.length() - 1) : after);
    return jdbi.withHandle(
        handle -> {
          FileStore store = new FileStore(handle);
          long project = caller.projectKey();
          if (!store.isDirectory(project, dir)) {
            throw new NoSuchFileException("No such directory: %s", dir);
          }
          List<DirectoryEntry> rows = new ArrayList<>();
          if (inDirectories) {
            rows.addAll(store.subdirectories(project, dir, from, limit + 1));
          }
          if (rows.size() <= limit) {
            rows.addAll(
                store.files(project, dir, inDirectories ? null : from, limit + 1 - rows.size()));
          }
          if (rows.size() <= limit) {
            return new DirectoryPage(List.copyOf(rows), null);
          }
          DirectoryEntry last = rows.get(limit - 1);
          return new DirectoryPage(
              List.copyOf(rows.subList(0, limit)), last.path() + (last.isDir() ? "/" : ""));
        });
  }

  private static String child(StoragePath dir, String name) {
    return StoragePath.file((dir.isRoot() ? "" : dir.value()) + "/" + name).value();
  }

  /**
   * Every version of a file, oldest first.
   *
   * @throws NoSuchFileException if the path has no versions
   */
  public List<FileVersionInfo> versions(Principal caller, String path) {
    StoragePath file = StoragePath.file(path);
    List<FileVersion> versions =
        jdbi.withHandle(handle -> new FileStore(handle).versions(caller.projectKey(), file));
    if (versions.isEmpty()) {
      throw new NoSuchFileException("No such file: %s", file);
    }
    return versions.stream().map(FileVersion::info).toList();
  }

  /**
   * Resolves a vague path to an explicit file id, or recognizes a directory.
   *
   * @throws NoSuchFileException if it is neither
   */
  public ResolvedPath resolve(Principal caller, String vague) {
    if (vague != null && vague.indexOf(':') < 0) {
      StoragePath dir = StoragePath.directory(vague);
      boolean isDir =
          jdbi.withHandle(handle -> new FileStore(handle).isDirectory(caller.projectKey(), dir));
      if (isDir && (dir.isRoot() || vague.endsWith("/") || !exists(caller, dir))) {
        return new ResolvedPath(dir.value(), true);
      }
    }
    return new ResolvedPath(version(caller.projectKey(), FileRef.parse(vague)).explicitId(), false);
  }

  /** A presigned download of one file version. */
  public DownloadUrl download(Principal caller, String reference, String baseUrl) {
    FileVersion version = version(caller.projectKey(), FileRef.parse(reference));
    return new DownloadUrl(
        version.explicitId(),
        urls.download(baseUrl, caller.projectKey(), version),
        version.size(),
        version.sha256());
  }

  /**
   * Presigned downloads of several files, in request order, looked up in one query.
   *
   * @throws NoSuchFileException naming the first reference that names nothing
   */
  public List<DownloadUrl> downloads(Principal caller, List<String> references, String baseUrl) {
    List<FileRef> refs = references.stream().map(FileRef::parse).toList();
    List<Optional<FileVersion>> found =
        jdbi.withHandle(handle -> new FileStore(handle).versions(caller.projectKey(), refs));
    List<DownloadUrl> urls = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      FileRef ref = refs.get(i);
      FileVersion version =
          found.get(i).orElseThrow(() -> new NoSuchFileException("No such file: %s", ref));
      urls.add(
          new DownloadUrl(
              version.explicitId(),
              this.urls.download(baseUrl, caller.projectKey(), version),
              version.size(),
              version.sha256()));
    }
    return urls;
  }

  /**
   * The file version a reference names; the latest when it has no version.
   *
   * @throws NoSuchFileException if there is no such file or version
   */
  public FileVersion version(long project, FileRef ref) {
    return jdbi.withHandle(handle -> version(handle, project, ref));
  }

  /**
   * The versions several references name, looked up in one query, in order: element {@code i} is
   * empty when {@code refs[i]} names nothing.
   */
  public List<Optional<FileVersion>> versions(long project, List<FileRef> refs) {
    return refs.isEmpty()
        ? List.of()
        : jdbi.withHandle(handle -> new FileStore(handle).versions(project, refs));
  }

  static FileVersion version(Handle handle, long project, FileRef ref) {
    Optional<FileVersion> found = new FileStore(handle).version(project, ref.path(), ref.version());
    return found.orElseThrow(() -> new NoSuchFileException("No such file: %s", ref));
  }

  /** The blob of {@code project}'s file version {@code id}, if the project has that version. */
  Optional<BlobRef> blobOf(long project, long id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT sha256, size FROM file_versions WHERE id = :id AND project_id = :project")
                .bind("id", id)
                .bind("project", project)
                .map((rs, ctx) -> new BlobRef(rs.getString("sha256"), rs.getLong("size")))
                .findOne());
  }

  private boolean exists(Principal caller, StoragePath path) {
    return jdbi.withHandle(handle -> new FileStore(handle).version(caller.projectKey(), path, null))
        .isPresent();
  }
}
