package org.acai.server.meta;

import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.storage.ResolvedPath;
import org.acai.server.auth.Principal;
import org.acai.server.fileset.FileSetService;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.FileService;

/** Turns vague ids into the explicit ids documents are keyed by: latest versions, job numbers. */
public final class EntityIds {
  private final FileService files;
  private final FileSetService fileSets;

  /** Creates the resolver. */
  public EntityIds(FileService files, FileSetService fileSets) {
    this.files = files;
    this.fileSets = fileSets;
  }

  /**
   * The explicit id of an entity of the project.
   *
   * @throws InvalidRequestException for directories and malformed ids
   * @throws org.acai.api.error.NotFoundException if there is no such entity
   */
  public String explicit(long project, EntityType type, String id) {
    switch (type) {
      case FILE:
        if (id.endsWith("/")) {
          throw new InvalidRequestException(
              "Invalid file: %s is a directory; directories carry no metadata", id);
        }
        try {
          return files.version(project, FileRef.parse(id)).explicitId();
        } catch (NoSuchFileException e) {
          throw new NoSuchFileException("No such file: %s (directories carry no metadata)", id);
        }
      case FILESET:
        return fileSets
            .explicitId(project, id)
            .orElseThrow(() -> new NoSuchFileSetException("No such file set: %s", id));
      default:
        if (!id.matches("\\d{1,18}")) {
          throw new InvalidRequestException("Invalid job id: %s", id);
        }
        return Long.toString(Long.parseLong(id));
    }
  }

  /**
   * The explicit id of a file of the caller's project, or empty when the path names a directory
   * ({@code /dir/}, or {@code /dir} where no file {@code /dir} exists): directories carry no
   * metadata, so {@code get_meta} skips them.
   *
   * @throws InvalidRequestException for malformed paths
   * @throws NoSuchFileException if the path is neither a file nor a directory
   */
  public Optional<String> fileUnlessDirectory(Principal caller, String path) {
    ResolvedPath resolved;
    try {
      resolved = files.resolve(caller, path);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException("No such file: %s", path);
    }
    return resolved.isDir() ? Optional.empty() : Optional.of(resolved.id());
  }
}
