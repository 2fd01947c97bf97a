package org.acai.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A TCP forwarder in front of a real server that spoils its first connections: it {@linkplain
 * #dropping drops} them without an answer, as a server does with a pooled connection it closed
 * while idle, or {@linkplain #damaging damages} one byte of what either side sends, as a faulty
 * network card or memory would, past every checksum of TCP. Test helper.
 */
final class FaultyProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final Supplier<URI> target;
  private final AtomicInteger toSpoil;
  private final long damageAt;
  private final AtomicInteger accepted = new AtomicInteger();

  private FaultyProxy(Supplier<URI> target, int spoiled, long damageAt) throws IOException {
    this.target = target;
    this.toSpoil = new AtomicInteger(spoiled);
    this.damageAt = damageAt;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "faulty-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy that closes the first {@code drops} connections once their request has started. */
  static FaultyProxy dropping(URI target, int drops) throws IOException {
    return new FaultyProxy(() -> target, drops, -1);
  }

  /**
   * A proxy that flips the bits of the byte at {@code offset} of what the client or the server
   * sends, on each of the next connections that send that much, as many as {@link #spoil} says
   * (none at first); shorter ones pass unharmed. The target is asked for at each connection, so a
   * proxy can stand in front of a server that starts after it (and names the proxy as its public
   * URL).
   */
  static FaultyProxy damaging(Supplier<URI> target, long offset) {
    try {
      return new FaultyProxy(target, 0, offset);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Spoils the next {@code connections} connections (that reach the damaged offset). */
  void spoil(int connections) {
    toSpoil.set(connections);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Connections accepted so far, spoiled ones included. */
  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        accepted.incrementAndGet();
        if (damageAt < 0 && toSpoil.getAndDecrement() > 0) {
          client.getInputStream().read(new byte[1]); // the request has started: now drop it
          client.close();
          continue;
        }
        URI to = target.get();
        Socket server = new Socket(to.getHost(), to.getPort());
        pipe(client.getInputStream(), server.getOutputStream(), server, damageAt);
        pipe(server.getInputStream(), client.getOutputStream(), client, damageAt);
      } catch (IOException e) {
        // Closed, or one connection failed: the test sees what its client saw.
      }
    }
  }

  private void pipe(InputStream from, OutputStream to, Socket closeAtEnd, long damage) {
    Thread thread =
        new Thread(
            () -> {
              try (closeAtEnd) {
                copy(from, to, damage);
              } catch (IOException e) {
                // The other side closed.
              }
            },
            "faulty-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Copies to the end, flipping the byte at {@code damage} (unless negative) if its turn comes. */
  private void copy(InputStream from, OutputStream to, long damage) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    boolean damaged = damage < 0;
    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
      if (!damaged && damage < copied + n) {
        damaged = true;
        if (toSpoil.getAndDecrement() > 0) {
          int at = (int) (damage - copied);
          buffer[at] = (byte) ~buffer[at];
        }
      }
      to.write(buffer, 0, n);
      copied += n;
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
