package org.acai.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ErrorCode;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetVersionInfo;

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

  /** A file-set draft the upload filled (see {@link FileClient#uploadForFileSet}), or null. */
  private transient Long draft;

  /** The list as uploaded into the draft: a set is made from the draft only while it is equal. */
  private transient List<FilePair> drafted;

  /** The uploaded pairs the draft does not hold (they went through upload sessions). */
  private transient List<FilePair> undrafted;

  /** This list, knowing that its upload filled {@code draft} (if not null) but for {@code rest}. */
  FilesList withDraft(Long id, List<FilePair> rest) {
    this.draft = id;
    this.drafted = List.copyOf(this);
    this.undrafted = List.copyOf(rest);
    return this;
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
    if (draft != null && drafted.equals(this)) {
      Long used = draft;
      draft = null;
      try {
        FileSetVersionInfo made =
            files
                .fileSets()
                .createFromDraft(
                    fileSetName, used, undrafted.stream().map(FilePair::remote).toList());
        return new FileSetContent(made.id(), byPath(this), List.of());
      } catch (AcaiException e) {
        // An expired draft: the set is made the usual way, from every id.
        if (e.code() != ErrorCode.NOT_FOUND) {
          throw e;
        }
      }
    }
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

  /** The ids in path order, as the server lists a set's files (each path cut out once). */
  private static List<String> byPath(List<FilePair> pairs) {
    String[][] keyed = new String[pairs.size()][];
    for (int i = 0; i < keyed.length; i++) {
      String id = pairs.get(i).remote();
      keyed[i] = new String[] {id.substring(0, id.lastIndexOf(':')), id};
    }
    Arrays.sort(keyed, Comparator.comparing((String[] entry) -> entry[0]));
    List<String> ids = new ArrayList<>(keyed.length);
    for (String[] entry : keyed) {
      ids.add(entry[1]);
    }
    return ids;
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
