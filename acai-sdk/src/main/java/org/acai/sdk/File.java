package org.acai.sdk;

import java.util.List;
import java.util.Map;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.FileVersionInfo;
import org.acai.api.storage.ResolvedPath;

/**
 * The original SDK's {@code File}: static calls with the process's credentials ({@link
 * AcaiClient#fromEnvironment()}). For progress reports or several projects, use {@link
 * AcaiClient#files()}.
 */
public final class File {
  private File() {}

  /**
   * The direct children of a remote directory.
   *
   * @throws org.acai.api.error.NoSuchFileException if the directory does not exist
   * @see FileClient#listDir(String)
   */
  public static List<DirectoryEntry> listDir(String directory) {
    return client().listDir(directory);
  }

  /**
   * Uploads {@code {local: remote}}; returns (local, remote:version) pairs.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   * @see FileClient#upload(List, List, org.acai.sdk.transfer.TransferOptions)
   */
  public static FilesList upload(Map<String, String> localToRemote) {
    return client().upload(localToRemote);
  }

  /**
   * Uploads {@code {local: remote}}; {@code results}, when not null, receives the outcome too.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   */
  public static FilesList upload(Map<String, String> localToRemote, List<FilePair> results) {
    return client().upload(FileMapping.pairs(localToRemote), results);
  }

  /**
   * Uploads (local, remote) pairs; returns (local, remote:version) pairs.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   */
  public static FilesList upload(List<FilePair> localToRemote) {
    return client().upload(localToRemote);
  }

  /**
   * Uploads (local, remote) pairs; {@code results}, when not null, receives the outcome too.
   *
   * @throws org.acai.api.error.InvalidRequestException if a local file cannot be read
   */
  public static FilesList upload(List<FilePair> localToRemote, List<FilePair> results) {
    return client().upload(localToRemote, results);
  }

  /**
   * Downloads {@code {remote[:N]: local}}; a local directory receives {@code dir/name}.
   *
   * @return (local file, remote:version) pairs
   * @throws org.acai.api.error.NoSuchFileException if a remote file or version does not exist
   * @see FileClient#download(Map, org.acai.sdk.transfer.TransferOptions)
   */
  public static List<FilePair> download(Map<String, String> remoteToLocal) {
    return client().download(remoteToLocal);
  }

  /**
   * Every version of a remote file, oldest first.
   *
   * @throws org.acai.api.error.NoSuchFileException if the path has no versions
   */
  public static List<FileVersionInfo> listFileVersions(String path) {
    return client().listFileVersions(path);
  }

  /**
   * The explicit id of a file (latest when no version), or a directory's path.
   *
   * @throws org.acai.api.error.NoSuchFileException if it is neither
   */
  public static ResolvedPath resolveVaguePath(String vaguePath) {
    return client().resolveVaguePath(vaguePath);
  }

  /**
   * Maps local files and directories to remote paths.
   *
   * @throws org.acai.api.error.InvalidRequestException if several paths or a directory go to a
   *     remote path without a trailing {@code /}
   * @see FileClient#convertToFileMapping(List, String, List)
   */
  public static UploadFileMapping convertToFileMapping(List<String> localPaths, String remotePath) {
    return client().convertToFileMapping(localPaths, remotePath);
  }

  /**
   * Maps local files and directories to remote paths; {@code ignoredPaths}, when not null, receives
   * the paths that cannot be read.
   *
   * @throws org.acai.api.error.InvalidRequestException if several paths or a directory go to a
   *     remote path without a trailing {@code /}
   */
  public static UploadFileMapping convertToFileMapping(
      List<String> localPaths, String remotePath, List<String> ignoredPaths) {
    return client().convertToFileMapping(localPaths, remotePath, ignoredPaths);
  }

  private static FileClient client() {
    return AcaiClient.fromEnvironment().files();
  }
}
