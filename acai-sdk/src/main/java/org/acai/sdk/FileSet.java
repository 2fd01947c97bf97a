package org.acai.sdk;

import java.nio.file.Path;
import java.util.List;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.sdk.transfer.TransferOptions;

/**
 * The original SDK's {@code FileSet}: static calls with the process's credentials ({@link
 * AcaiClient#fromEnvironment()}). For progress reports or several projects, use {@link
 * AcaiClient#fileSets()}.
 */
public final class FileSet {
  private FileSet() {}

  /**
   * Creates the next version of a file set from files and {@code @sets}.
   *
   * @throws org.acai.api.error.NoSuchFileException naming an unknown file member
   * @throws org.acai.api.error.NoSuchFileSetException naming an unknown set member
   * @see FileSetClient#createFileSet(String, List)
   */
  public static FileSetContent createFileSet(String fileSetName, List<String> remoteEntities) {
    return client().createFileSet(fileSetName, remoteEntities);
  }

  /**
   * The members of {@code name[:N]}.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   */
  public static FileSetContent listFileSetContent(String vagueName) {
    return client().listFileSetContent(vagueName);
  }

  /**
   * The explicit id {@code name:N} of a vague name.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   */
  public static String resolveVagueName(String vagueName) {
    return client().resolveVagueName(vagueName);
  }

  /**
   * Downloads a file set into the current directory (the original's default mount point), refusing
   * existing files.
   *
   * @return the downloaded version's id
   * @throws org.acai.api.error.ConflictException if a file exists already
   * @see FileSetClient#downloadFileSet(String, Path, ExistingFiles, TransferOptions)
   */
  public static String downloadFileSet(String vagueName) {
    return client().downloadFileSet(vagueName);
  }

  /**
   * Downloads a file set under {@code mountPoint} (which must exist; null means the current
   * directory), refusing existing files.
   *
   * @return the downloaded version's id
   * @throws org.acai.api.error.ConflictException if a file exists already
   * @see FileSetClient#downloadFileSet(String, Path, ExistingFiles, TransferOptions)
   */
  public static String downloadFileSet(String vagueName, String mountPoint) {
    return downloadFileSet(vagueName, mountPoint, false);
  }

  /**
   * Downloads a file set under {@code mountPoint} (null means the current directory); {@code force}
   * replaces existing files. The boolean mirrors the original API; {@link FileSetClient} takes
   * {@link ExistingFiles}.
   *
   * @return the downloaded version's id
   * @throws org.acai.api.error.ConflictException if a file exists and {@code force} is false
   */
  public static String downloadFileSet(String vagueName, String mountPoint, boolean force) {
    return client()
        .downloadFileSet(
            vagueName,
            mountPoint == null ? null : Path.of(mountPoint),
            force ? ExistingFiles.REPLACE : ExistingFiles.REFUSE,
            TransferOptions.defaults());
  }

  /**
   * Every version of a file set, oldest first.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set
   */
  public static List<FileSetVersionInfo> listFileSetVersions(String fileSetName) {
    return client().listFileSetVersions(fileSetName);
  }

  /** The names of the project's file sets. */
  public static List<String> listFileSets() {
    return client().listFileSets();
  }

  private static FileSetClient client() {
    return AcaiClient.fromEnvironment().fileSets();
  }
}
