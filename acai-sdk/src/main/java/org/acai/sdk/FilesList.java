package org.acai.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.FileSetContent;

/**
 * A list of (local, remote) pairs that can upload itself and become a file set, as the original
 * SDK's {@code FilesList}: {@code client.files().convertToFileMapping(dirs,
 * "/data/").filesToUpload().upload().asNewFileSet("train")}. Not thread-safe.
 */
public final class FilesList extends ArrayList<FilePair> {
  private static final long serialVersionUID = 1L;

  private final transient FileClient files;

  /** Sizes of local files as the walk that listed them saw them, by local path. */
  private final transient Map<String, Long> sizesSeen;

  FilesList(FileClient files, Collection<FilePair> pairs) {
    this(files, pairs, Map.of());
  }

  FilesList(FileClient files, Collection<FilePair> pairs, Map<String, Long> sizesSeen) {
    super(pairs);
    this.files = files;
    this.sizesSeen = Map.copyOf(sizesSeen);
  }

  /** Local files' sizes as listed, for planning an upload; a file without one is measured. */
  Map<String, Long> sizesSeen() {
    return sizesSeen == null ? Map.of() : sizesSeen;
  }

  /**
   * Uploads every pair in one batch.
   *
   * @return the pairs with explicit remote ids {@code path:version}
   * @throws InvalidRequestException if a local file cannot be read
   */
  public FilesList upload() {
    return files.upload(this);
  }

  /**
   * Makes a file set of exactly these uploaded versions.
   *
   * @return the new file-set version and its files
   * @throws InvalidRequestException if a remote id has no version yet (upload first)
   */
  public FileSetContent asNewFileSet(String fileSetName) {
    List<String> ids = new ArrayList<>();
    for (FilePair pair : this) {
      if (!hasVersion(pair.remote())) {
        throw new InvalidRequestException(
            "Cannot create file set %s: %s has no version; upload the list first",
            fileSetName, pair.remote());
      }
      ids.add(pair.remote());
    }
    return files.fileSets().createFileSet(fileSetName, ids);
  }

  private static boolean hasVersion(String remote) {
    int colon = remote.lastIndexOf(':');
    return colon > remote.lastIndexOf('/')
        && colon < remote.length() - 1
        && remote.substring(colon + 1).chars().allMatch(Character::isDigit);
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
