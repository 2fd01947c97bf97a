package org.acai.server.blob.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.home.FileModes;

/**
 * Append-only segment files that pack many small blobs: {@code segments/<uuid>.seg} in the blob
 * store's directory, one per batch upload. A segment is written once, fsynced once (with its
 * directory) and never changed afterwards; which blob lies at which offset is recorded elsewhere
 * (the database's segment index), only once the segment is durable. A segment nothing refers to is
 * garbage. Thread-safe.
 */
public final class SegmentStore {
  private static final String SUFFIX = ".seg";
  private static final Pattern NAME = Pattern.compile("[0-9a-f-]{36}\\.seg");

  private final Path dir;

  /**
   * Opens (creating if needed) the segments folder under a local blob store's root.
   *
   * @throws ServiceFailureException if it cannot be created
   */
  public SegmentStore(Path blobRoot) {
    this.dir = blobRoot.toAbsolutePath().normalize().resolve("segments");
    try {
      FileModes.createPrivateDirectories(dir);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot create %s: %s", dir, e);
    }
  }

  /** Starts a new, empty segment. */
  public SegmentWriter create() {
    String name = UUID.randomUUID() + SUFFIX;
    try {
      return new SegmentWriter(name, dir.resolve(name), dir);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot create segment %s: %s", name, e);
    }
  }

  /**
   * Streams {@code size} bytes of a segment from {@code offset}; the caller closes the stream.
   *
   * @throws NoSuchFileException if the segment is missing
   */
  public InputStream open(String name, long offset, long size) {
    return new SegmentSlice(channel(name), offset, size, true);
  }

  /**
   * Opens a segment for reading; the caller closes the channel.
   *
   * @throws NoSuchFileException if the segment is missing
   */
  FileChannel channel(String name) {
    try {
      return FileChannel.open(path(name), StandardOpenOption.READ);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new NoSuchFileException("No such segment: %s", name);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot open segment %s: %s", name, e);
    }
  }

  /** Reads of many blobs that share open segments; the caller closes it. */
  public SegmentReads reads() {
    return new SegmentReads(this);
  }

  /** Whether a segment file exists. */
  public boolean exists(String name) {
    return Files.isRegularFile(path(name));
  }

  /**
   * The file of a segment, e.g. for garbage collection.
   *
   * @throws IllegalArgumentException if the name is not a segment name
   */
  public Path path(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid segment name: " + name);
    }
    return dir.resolve(name);
  }

  /** The folder holding the segments. */
  public Path directory() {
    return dir;
  }
}
