package org.acai.server.blob;

import java.io.InputStream;
import java.util.Optional;

/**
 * Immutable, content-addressed byte storage: bytes first land under a caller-chosen staging key,
 * then {@link #commit} turns them into a permanent blob named by its SHA-256, so identical content
 * is stored once.
 *
 * <p>Staging keys are relative paths of {@code [A-Za-z0-9_./-]} with no {@code ..} (see {@link
 * BlobKeys#checkStagingKey}). Implementations are thread-safe; optional abilities are the {@code
 * Supports*} mixins. Choose an implementation with {@link BlobStores#fromConfig}.
 */
public interface BlobStore extends AutoCloseable {

  /**
   * Streams bytes into a staged object, computing size and SHA-256 on the way; the bytes are never
   * held whole in memory. Staging a key again replaces what was staged there. When this returns,
   * the object survives a restart of the server; it need not survive an OS crash or power loss yet
   * (a store may drop such staged objects), since only {@link #commit} makes bytes visible.
   *
   * @param stagingKey where to stage, e.g. {@code uploads/<session>/<index>}
   * @param in the bytes; read to the end but not closed
   * @param expectedSize the size the caller announced, or null
   * @param expectedSha256 the lower-case hex SHA-256 the caller announced, or null
   * @return what was staged, with size, SHA-256 and CRC32C
   * @throws org.acai.api.error.InvalidRequestException if the key is invalid, or the bytes do not
   *     match the expected size or SHA-256; nothing is left staged under the key then
   * @throws org.acai.api.error.ServiceFailureException if the storage fails
   */
  StagedObject stage(String stagingKey, InputStream in, Long expectedSize, String expectedSha256);

  /**
   * Cheaply checks whether a staged object has fully landed, e.g. after a client's PUT to a
   * presigned URL.
   *
   * @return the staged object; its {@code sha256} is null when the store has not hashed it yet
   * @throws org.acai.api.error.InvalidRequestException if the key is invalid
   */
  Optional<StagedObject> inspect(String stagingKey);

  /**
   * Makes a staged object a permanent blob addressed by its SHA-256, computing or verifying the
   * hash. If the same content is stored already, no second copy is kept. The staged object is gone
   * afterwards. When this returns, the blob is durable (it survives an OS crash or power loss), so
   * the caller may make it visible.
   *
   * @param expectedSha256 the lower-case hex SHA-256 the caller announced, or null
   * @return the committed blob
   * @throws org.acai.api.error.InvalidRequestException if the key is invalid, or the content does
   *     not match {@code expectedSha256}; the staged object is discarded then
   * @throws org.acai.api.error.NotFoundException if nothing is staged under the key
   */
  BlobRef commit(String stagingKey, String expectedSha256);

  /**
   * Deletes a staged object (abort or expiry); a missing one is fine.
   *
   * @throws org.acai.api.error.InvalidRequestException if the key is invalid
   */
  void discard(String stagingKey);

  /**
   * Opens a committed blob for a streaming read; the caller closes the stream.
   *
   * @throws org.acai.api.error.NoSuchFileException if the blob does not exist
   */
  InputStream open(BlobRef blob);

  /** Whether a committed blob exists. */
  boolean exists(BlobRef blob);

  /** A short description for logs, e.g. {@code local disk at /x/blobs}; never contains secrets. */
  String describe();

  /** Releases clients and threads; does not delete anything. */
  @Override
  void close();
}
