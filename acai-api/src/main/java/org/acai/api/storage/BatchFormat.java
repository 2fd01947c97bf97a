package org.acai.api.storage;

import java.nio.charset.StandardCharsets;

/**
 * The framing of batch transfers ({@code POST /storage/upload_batch} bodies and {@code POST
 * /storage/download_batch} answers): many small files in one stream. All numbers are big-endian.
 *
 * <pre>
 * stream := magic (8 bytes) entry* END
 * entry  := FILE, u16 name length, name (UTF-8), i64 size, SHA-256 (32 bytes), size bytes
 * </pre>
 *
 * <p>Uploads name each file by its remote path and the server answers with a {@link
 * BatchUploadResult}; downloads name each file by its explicit id {@code path:version}, in request
 * order. The SHA-256 comes before the bytes, so that the receiver verifies them as they stream past
 * and the server can skip storing content it has already.
 */
public final class BatchFormat {
  /** Opens an upload stream. */
  public static final byte[] UPLOAD_MAGIC = "ACAIPUT1".getBytes(StandardCharsets.US_ASCII);

  /** Opens a download stream. */
  public static final byte[] DOWNLOAD_MAGIC = "ACAIGET1".getBytes(StandardCharsets.US_ASCII);

  /** Starts an entry. */
  public static final int FILE = 1;

  /** Ends the stream. */
  public static final int END = 0;

  /** The media type of batch streams. */
  public static final String MEDIA_TYPE = "application/x-acai-batch";

  private BatchFormat() {}
}
