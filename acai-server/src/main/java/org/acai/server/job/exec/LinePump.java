package org.acai.server.job.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a job to a {@link LineSink}, line by line, until end of stream. Runs
 * on its own thread; the lock is shared with the other stream's pump so sink calls never overlap.
 * Runners that receive output in chunks rather than as a stream feed it with {@link #accept} and
 * {@link #finish} instead.
 */
public final class LinePump implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(LinePump.class);

  private final InputStream input;
  private final LineSink.Channel channel;
  private final LineSink sink;
  private final Object lock;
  private final byte[] line = new byte[LineSink.MAX_LINE_BYTES];
  private int length;
  private boolean sinkFailed;

  /** A pump from {@code input} (null when fed with {@link #accept}) to {@code sink}. */
  public LinePump(InputStream input, LineSink.Channel channel, LineSink sink, Object lock) {
    this.input = input;
    this.channel = channel;
    this.sink = sink;
    this.lock = lock;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try (InputStream in = input) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        accept(buffer, read);
      }
    } catch (IOException e) {
      // The pipe was closed under us (the process is gone): deliver what we have.
    }
    finish();
  }

  /** Delivers the last line if it had no line terminator. */
  public void finish() {
    if (length > 0) {
      emit(length, length);
    }
  }

  /** Feeds the first {@code count} bytes of {@code buffer}, as read from the stream. */
  public void accept(byte[] buffer, int count) {
    for (int i = 0; i < count; i++) {
      byte b = buffer[i];
      if (b == '\n') {
        emit(length, length);
        continue;
      }
      if (length == line.length) {
        int cut = characterBoundary();
        emit(cut, length);
      }
      line[length++] = b;
    }
  }

  /** Delivers {@code line[0, end)} and keeps {@code line[end, upTo)} for the next line. */
  private void emit(int end, int upTo) {
    int textEnd = end > 0 && end == upTo && line[end - 1] == '\r' ? end - 1 : end;
    String text = new String(line, 0, textEnd, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
    System.arraycopy(line, end, line, 0, upTo - end);
    length = upTo - end;
    synchronized (lock) {
      try {
        sink.line(channel, text);
      } catch (RuntimeException e) {
        if (!sinkFailed) {
          LOG.warn("Line sink failed on {}; dropping the line and going on", channel, e);
          sinkFailed = true;
        }
      }
    }
  }

  /** Where to split a full line without cutting a UTF-8 sequence in two. */
  private int characterBoundary() {
    int cut = length;
    // Back up over at most 3 continuation bytes (10xxxxxx) to the start of the character.
    while (cut > length - 4 && cut > 0 && (line[cut - 1] & 0xC0) == 0x80) {
      cut--;
    }
    if (cut > 0 && cut > length - 4 && (line[cut - 1] & 0xC0) == 0xC0) {
      int needed = sequenceLength(line[cut - 1]);
      // The sequence is complete if it fits in what we have; otherwise split before it.
      return length - (cut - 1) >= needed ? length : cut - 1;
    }
    return length;
  }

  private static int sequenceLength(byte lead) {
    if ((lead & 0xE0) == 0xC0) {
      return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
      return 3;
    }
    return (lead & 0xF8) == 0xF0 ? 4 : 1;
  }
}
