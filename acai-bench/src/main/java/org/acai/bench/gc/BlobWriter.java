package org.acai.bench.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.acai.server.blob.BlobRef;
import org.acai.testkit.s3.S3ProxyExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Stores a blob's bytes straight at its content address, bypassing the server (for speed). */
interface BlobWriter extends AutoCloseable {
  void write(BlobRef blob, byte[] bytes) throws IOException;

  @Override
  void close();

  /** Files under a local store's root. */
  final class Local implements BlobWriter {
    private final Path root;

    Local(Path root) {
      this.root = root;
    }

    @Override
    public void write(BlobRef blob, byte[] bytes) throws IOException {
      Path file = root.resolve(blob.key());
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    }

    @Override
    public void close() {
      // Nothing to release.
    }
  }

  /** Objects in S3Proxy's bucket, under the prefix the server uses. */
  final class S3 implements BlobWriter {
    private final S3Client client;

    S3(S3ProxyExtension s3) {
      this.client = s3.newClient();
    }

    @Override
    public void write(BlobRef blob, byte[] bytes) {
      client.putObject(
          request -> request.bucket(S3ProxyExtension.BUCKET).key("gcbench/" + blob.key()),
          RequestBody.fromBytes(bytes));
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
