package org.acai.server.storage;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.storage.BatchFormat;
import org.acai.server.auth.Principal;
import org.acai.server.blob.local.SegmentReads;
import org.jdbi.v3.core.Handle;

/**
 * Batch downloads: many files in one streamed answer (see {@link BatchFormat}), in request order.
 * Every reference is resolved, in one query, before the first byte is sent, so that a missing file
 * is a plain 404; packed blobs are read from their segments by offset. Thread-safe.
 */
public final class BatchDownloadService {
  /** Most files in one batch. */
  public static final int MAX_FILES = 100_000;

  /** The exact versions a file-set version holds, trashed ones it pins included. */
  @FunctionalInterface
  public interface SetMembers {
    /**
     * The members of {@code reference} ({@code name} or {@code name:N}) in {@code project} at the
     * given paths, by path; a path that is not a member is absent.
     *
     * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
     */
    Map<String, FileVersion> at(long project, String reference, List<String> paths);
  }

  private final PackedBlobStore blobs;
  private final SetMembers sets;

  BatchDownloadService(PackedBlobStore blobs, SetMembers sets) {
    this.blobs = blobs;
    this.sets = sets;
  }

  /** The files a batch will send, resolved and located. */
  public record Plan(List<FileVersion> versions, Map<String, SegmentIndex.Location> packed) {}

  /**
   * Resolves the references (latest version when none is given) among the project's files, or, with
   * {@code fileSet}, among that set's members: a set reads the versions it pins even once they are
   * in the trash, as its presigned URLs do.
   *
   * @param fileSet null, or the file set ({@code name:N}) every reference is an explicit member of
   * @throws NoSuchFileException naming the first reference that names nothing
   */
  public Plan plan(Principal caller, List<String> references, String fileSet) {
    if (references.isEmpty()) {
      throw new InvalidRequestException("Invalid batch: paths must be a non-empty list");
    }
    if (references.size() > MAX_FILES) {
      throw new PayloadTooLargeException(
          "Invalid batch: %d paths, at most %d", references.size(), MAX_FILES);
    }
    List<FileRef> refs = references.stream().map(FileRef::parse).toList();
    if (fileSet != null) {
      return planInSet(caller, refs, fileSet);
    }
    return blobs
        .jdbi()
        .withHandle(
            handle -> {
              List<Optional<FileVersion>> found =
                  new FileStore(handle).versions(caller.projectKey(), refs);
              List<FileVersion> versions = new ArrayList<>(refs.size());
              for (int i = 0; i < refs.size(); i++) {
                FileRef ref = refs.get(i);
                versions.add(
                    found
                        .get(i)
                        .orElseThrow(() -> new NoSuchFileException("No such file: %s", ref)));
              }
              return located(handle, versions);
            });
  }

  private Plan planInSet(Principal caller, List<FileRef> refs, String fileSet) {
    Map<String, FileVersion> members =
        sets.at(
            caller.projectKey(),
            fileSet,
            refs.stream().map(ref -> ref.path().value()).distinct().toList());
    List<FileVersion> versions = new ArrayList<>(refs.size());
    for (FileRef ref : refs) {
      FileVersion member = members.get(ref.path().value());
      if (member == null || ref.version() == null || member.version() != ref.version()) {
        throw new NoSuchFileException("No such file in file set %s: %s", fileSet, ref);
      }
      versions.add(member);
    }
    return blobs.jdbi().withHandle(handle -> located(handle, versions));
  }

  /** The plan for these versions: where each packed one lies. */
  private static Plan located(Handle handle, List<FileVersion> versions) {
    List<String> digests = versions.stream().map(FileVersion::sha256).distinct().toList();
    return new Plan(versions, new SegmentIndex(handle).findAll(digests));
  }

  /** Streams the planned files; the caller closes {@code out}. */
  public void write(Plan plan, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.write(BatchFormat.DOWNLOAD_MAGIC);
    try (SegmentReads reads = blobs.segmentReads()) {
      for (FileVersion version : plan.versions()) {
        byte[] name = version.explicitId().getBytes(StandardCharsets.UTF_8);
        data.writeByte(BatchFormat.FILE);
        data.writeShort(name.length);
        data.write(name);
        data.writeLong(version.size());
        data.write(HexFormat.of().parseHex(version.sha256()));
        Optional<SegmentIndex.Location> packed =
            Optional.ofNullable(plan.packed().get(version.sha256()));
        try (InputStream in = blobs.open(version.blob(), packed, reads)) {
          long copied = in.transferTo(data);
          if (copied != version.size()) {
            throw new IOException(
                "Blob " + version.sha256() + " has " + copied + " bytes, not " + version.size());
          }
        }
      }
    }
    data.writeByte(BatchFormat.END);
    data.flush();
  }
}
