package org.acai.sdk;

import java.util.List;
import java.util.Map;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.FileVersionInfo;
import org.acai.api.storage.ResolvedPath;
import org.acai.sdk.transfer.FilePair;
import org.acai.sdk.transfer.TransferListener;

/** The original SDK's {@code File}: static calls with the process's credentials. */
public final class File {
  private File() {}

  /** Same as {@link FileClient#listDir(String)}, with the process's credentials. */
  public static List<DirectoryEntry> listDir(String directory) {
    return client().listDir(directory);
  }

  /** Same as {@link FileClient#upload(Map)}, with the process's credentials. */
  public static FilesList upload(Map<String, String> localToRemote) {
    return client().upload(localToRemote);
  }

  /** Uploads (local, remote) pairs; {@code results}, when not null, receives the outcome too. */
  public static FilesList upload(List<FilePair> localToRemote, List<FilePair> results) {
    return client().upload(localToRemote, results, TransferListener.NONE);
  }

  /** Same as {@link FileClient#download(Map)}, with the process's credentials. */
  public static void download(Map<String, String> remoteToLocal) {
    client().download(remoteToLocal);
  }

  /** Same as {@link FileClient#listFileVersions(String)}, with the process's credentials. */
  public static List<FileVersionInfo> listFileVersions(String path) {
    return client().listFileVersions(path);
  }

  /** Same as {@link FileClient#resolveVaguePath(String)}, with the process's credentials. */
  public static ResolvedPath resolveVaguePath(String vaguePath) {
    return client().resolveVaguePath(vaguePath);
  }

  /**
   * Same as {@link FileClient#convertToFileMapping(List, String)}, with the process's credentials.
   */
  public static UploadFileMapping convertToFileMapping(List<String> localPaths, String remotePath) {
    return client().convertToFileMapping(localPaths, remotePath);
  }

  private static FileClient client() {
    return AcaiClient.fromEnvironment().files();
  }
}
