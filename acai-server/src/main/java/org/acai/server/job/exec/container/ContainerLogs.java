package org.acai.server.job.exec.container;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.acai.server.job.exec.LinePump;
import org.acai.server.job.exec.LineSink;

/** A container's stdout and stderr as the engine streams them, cut into lines for a sink. */
final class ContainerLogs extends ResultCallback.Adapter<Frame> {
  private final Object lock = new Object();
  private final LinePump stdout;
  private final LinePump stderr;

  ContainerLogs(LineSink sink) {
    this.stdout = new LinePump(null, LineSink.Channel.STDOUT, sink, lock);
    this.stderr = new LinePump(null, LineSink.Channel.STDERR, sink, lock);
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null || payload.length == 0) {
      return;
    }
    // A pump's line buffer is its own state: feed each one under the lock its emits share.
    synchronized (lock) {
      (frame.getStreamType() == StreamType.STDERR ? stderr : stdout)
          .accept(payload, payload.length);
    }
  }

  @Override
  public void onComplete() {
    flush();
    super.onComplete();
  }

  @Override
  public void onError(Throwable error) {
    flush();
    super.onError(error);
  }

  /** Delivers unterminated last lines (also done when the stream completes). */
  void flush() {
    synchronized (lock) {
      stdout.finish();
      stderr.finish();
    }
  }
}
