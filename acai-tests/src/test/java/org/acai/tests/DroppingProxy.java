package org.acai.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of a real server that closes the first connections it accepts without an
 * answer, as a server does with a pooled connection it dropped while idle. Test helper.
 */
final class DroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final URI target;
  private final AtomicInteger toDrop;
  private final AtomicInteger accepted = new AtomicInteger();

  DroppingProxy(URI target, int drops) throws IOException {
    this.target = target;
    this.toDrop = new AtomicInteger(drops);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "dropping-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Connections accepted so far, dropped ones included. */
  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        accepted.incrementAndGet();
        if (toDrop.getAndDecrement() > 0) {
          client.getInputStream().read(new byte[1]); // the request has started: now drop it
          client.close();
          continue;
        }
        Socket server = new Socket(target.getHost(), target.getPort());
        pipe(client.getInputStream(), server.getOutputStream(), server);
        pipe(server.getInputStream(), client.getOutputStream(), client);
      } catch (IOException e) {
        // Closed, or one connection failed: the test sees what its client saw.
      }
    }
  }

  private static void pipe(InputStream from, OutputStream to, Socket closeAtEnd) {
    Thread thread =
        new Thread(
            () -> {
              try (closeAtEnd) {
                from.transferTo(to);
              } catch (IOException e) {
                // The other side closed.
              }
            },
            "dropping-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
