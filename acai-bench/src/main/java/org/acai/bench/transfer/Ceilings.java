package org.acai.bench.transfer;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What no transfer can beat on this machine, for reference: the same files PUT to and GET from a
 * trivial Javalin handler over loopback with the SDK's kind of HTTP client ({@code java.net.http},
 * and a blocking connection for bodies of 8 MiB and more; no storage, no hashing), and one SHA-256
 * pass over them, which the SDK and the server each make.
 */
public final class Ceilings implements AutoCloseable {
  /** Bodies from this size on are sent and fetched over a blocking connection, as the SDK does. */
  private static final long BLOCKING_GET = 8L << 20;

  private final Javalin app;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService pool;

  /** Starts the trivial server; {@code parallelism} transfers or hashes run at once. */
  public Ceilings(int parallelism) {
    this.pool = Executors.newFixedThreadPool(parallelism);
    this.app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.http.maxRequestSize = Long.MAX_VALUE;
                  config.routes.put(
                      "/put",
                      ctx -> {
                        ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
                        ctx.result("{}");
                      });
                  config.routes.get(
                      "/get",
                      ctx -> {
                        Path file = Path.of(ctx.queryParam("file"));
                        ctx.header("Content-Length", Long.toString(Files.size(file)));
                        // In large chunks, as the server's blob route sends.
                        try (InputStream in = Files.newInputStream(file);
                            OutputStream out = ctx.res().getOutputStream()) {
                          byte[] chunk = new byte[256 * 1024];
                          for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                            out.write(chunk, 0, n);
                          }
                        }
                      });
                })
            .start("127.0.0.1", 0);
  }

  /** PUTs every file to a handler that drops the bytes. */
  public void put(List<Path> files) throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + app.port() + "/put");
    runAll(
        files,
        file -> {
          if (Files.size(file) >= BLOCKING_GET) {
            return blockingPut(uri, file);
          }
          return http.send(
              HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
        });
  }

  /** As the SDK sends large bodies: a fixed-length streamed PUT written in large chunks. */
  private static int blockingPut(URI uri, Path file) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(Files.size(file));
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = connection.getOutputStream()) {
      byte[] buffer = new byte[1 << 20];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    }
    return connection.getResponseCode();
  }

  /** GETs every file from a handler that streams it, into {@code into}. */
  public void get(List<Path> files, Path into) throws IOException {
    runAll(
        files,
        file -> {
          URI uri =
              URI.create("http://127.0.0.1:" + app.port() + "/get?file=" + file.toUri().getPath());
          Path target = into.resolve(file.getFileName());
          if (Files.size(file) >= BLOCKING_GET) {
            return blockingGet(uri, target);
          }
          return http.send(
              HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(target));
        });
  }

  /** As the SDK fetches large bodies: a blocking connection read in large chunks. */
  private static long blockingGet(URI uri, Path target) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try (InputStream in = connection.getInputStream();
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[1 << 20];
      long total = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        total += n;
      }
      return total;
    }
  }

  /** Hashes every file once. */
  public void sha256(List<Path> files) throws IOException {
    runAll(
        files,
        file -> {
          MessageDigest digest = MessageDigest.getInstance("SHA-256");
          byte[] buffer = new byte[256 * 1024];
          try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              digest.update(buffer, 0, n);
            }
          }
          return digest.digest();
        });
  }

  @FunctionalInterface
  private interface Step {
    Object run(Path file) throws IOException, InterruptedException, NoSuchAlgorithmException;
  }

  private void runAll(List<Path> files, Step step) throws IOException {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (Path file : files) {
      tasks.add(
          () -> {
            try {
              return step.run(file);
            } catch (IOException e) {
              // A pooled connection the server closed while idle fails the request that reuses
              // it; the SDK retries such failures too.
              return step.run(file);
            }
          });
    }
    try {
      for (Future<Object> future : pool.invokeAll(tasks)) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  @Override
  public void close() {
    app.stop();
    pool.shutdownNow();
  }
}
