package org.acai.sdk;

import java.nio.file.Path;
import java.util.List;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.sdk.transfer.TransferListener;

/** The original SDK's {@code FileSet}: static calls with the process's credentials. */
public final class FileSet {
  private FileSet() {}

  /** Same as {@link FileSetClient#createFileSet(String, List)}, with the process's credentials. */
  public static FileSetContent createFileSet(String fileSetName, List<String> remoteEntities) {
    return client().createFileSet(fileSetName, remoteEntities);
  }

  /** Same as {@link FileSetClient#listFileSetContent(String)}, with the process's credentials. */
  public static FileSetContent listFileSetContent(String vagueName) {
    return client().listFileSetContent(vagueName);
  }

  /** Same as {@link FileSetClient#resolveVagueName(String)}, with the process's credentials. */
  public static String resolveVagueName(String vagueName) {
    return client().resolveVagueName(vagueName);
  }

  /**
   * Same as {@link FileSetClient#downloadFileSet(String, Path, boolean, TransferListener)}, with
   * the process's credentials.
   */
  public static String downloadFileSet(String vagueName, Path mountPoint, boolean force) {
    return client().downloadFileSet(vagueName, mountPoint, force, TransferListener.NONE);
  }

  /** Same as {@link FileSetClient#listFileSetVersions(String)}, with the process's credentials. */
  public static List<FileSetVersionInfo> listFileSetVersions(String fileSetName) {
    return client().listFileSetVersions(fileSetName);
  }

  /** Same as {@link FileSetClient#listFileSets()}, with the process's credentials. */
  public static List<String> listFileSets() {
    return client().listFileSets();
  }

  private static FileSetClient client() {
    return AcaiClient.fromEnvironment().fileSets();
  }
}
