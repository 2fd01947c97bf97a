package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.DownloadUrl;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.DownloadTask;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.sdk.transfer.Transfers;

/** Downloads of single files to local paths or folders, in batches of presigned URLs. */
final class Downloader {
  private static final int URLS_PER_CALL = 10_000;
  private static final TypeReference<List<DownloadUrl>> URLS = new TypeReference<>() {};

  private final Transport transport;
  private final Transfers transfers;

  private final SmallFileDownloads batches;

  Downloader(Transport transport, Transfers transfers) {
    this.transport = transport;
    this.transfers = transfers;
    this.batches = new SmallFileDownloads(new BatchTransfers(transport));
  }

  List<FilePair> download(
      Map<String, String> remoteToLocal, ExistingFiles existingFiles, TransferOptions options) {
    List<String> remotes = new ArrayList<>(remoteToLocal.keySet());
    List<Path> targets = new ArrayList<>();
    List<Path> existing = new ArrayList<>();
    Map<Path, String> claimed = new HashMap<>();
    FolderListings listings = new FolderListings();
    for (String remote : remotes) {
      Path target = target(remote, remoteToLocal.get(remote));
      String other = claimed.put(target.toAbsolutePath().normalize(), remote);
      if (other != null) {
        throw new InvalidRequestException(
            "Cannot download %s and %s to the same file: %s", other, remote, target);
      }
      if (listings.exists(target)) {
        if (Files.isDirectory(target)) {
          throw new InvalidRequestException(
              "Cannot download %s: %s is a directory", remote, target);
        }
        existing.add(target);
      }
      targets.add(target);
    }
    if (existingFiles == ExistingFiles.REFUSE && !existing.isEmpty()) {
      throw new ConflictException(
          "Cannot download: %d file(s) exist, e.g. %s (use force to replace them)",
          existing.size(), existing.get(0));
    }
    List<DownloadUrl> urls = new ArrayList<>();
    for (int start = 0; start < remotes.size(); start += URLS_PER_CALL) {
      List<String> chunk = remotes.subList(start, Math.min(remotes.size(), start + URLS_PER_CALL));
      urls.addAll(transport.post("/storage/download_files", Map.of("paths", chunk), URLS));
    }
    List<DownloadTask> tasks = new ArrayList<>();
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < remotes.size(); i++) {
      DownloadUrl url = urls.get(i);
      createParent(targets.get(i));
      tasks.add(new DownloadTask(url.s3Url(), targets.get(i), url.size(), url.sha256()));
      pairs.add(new FilePair(targets.get(i).toString(), url.id()));
    }
    transfers.download(
        batches.download(tasks, urls.stream().map(DownloadUrl::id).toList(), null, options),
        options);
    return pairs;
  }

  /** A folder (existing, or named with a trailing slash) receives the remote file's name. */
  static Path target(String remote, String local) {
    Path path = Path.of(local);
    if (local.endsWith("/") || Files.isDirectory(path)) {
      return path.resolve(name(remote));
    }
    return path;
  }

  /** The last segment of {@code /dir/name[:N]}, without the version. */
  static String name(String remote) {
    String path = remote;
    int colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      path = path.substring(0, colon);
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new InvalidRequestException("Invalid file path: %s", remote);
    }
    return name;
  }

  private static void createParent(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the folder " + parent, e);
    }
  }
}
