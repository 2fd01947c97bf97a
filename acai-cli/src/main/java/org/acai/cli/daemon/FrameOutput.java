package org.acai.cli.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** One of a command's output streams, sent as frames of its type; both streams share one lock. */
final class FrameOutput extends OutputStream {
  private final SocketChannel channel;
  private final byte type;
  private final Object lock;

  FrameOutput(SocketChannel channel, byte type, Object lock) {
    this.channel = channel;
    this.type = type;
    this.lock = lock;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int chunk = Math.min(length - done, DaemonProtocol.MAX_CHUNK);
      ByteBuffer header = ByteBuffer.allocate(5).put(type).putInt(chunk).flip();
      send(new ByteBuffer[] {header, ByteBuffer.wrap(bytes, offset + done, chunk)});
      done += chunk;
    }
  }

  /** Sends the exit frame. */
  void exit(int code) throws IOException {
    send(new ByteBuffer[] {ByteBuffer.allocate(5).put(DaemonProtocol.EXIT).putInt(code).flip()});
  }

  /** Sends a lone frame type (busy). */
  static void signal(SocketChannel channel, byte type) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1).put(type).flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void send(ByteBuffer[] buffers) throws IOException {
    synchronized (lock) {
      while (buffers[buffers.length - 1].hasRemaining()) {
        channel.write(buffers);
      }
    }
  }
}
