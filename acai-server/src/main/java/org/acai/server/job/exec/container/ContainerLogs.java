package org.acai.server.job.exec.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.acai.server.job.exec.LinePump;
import org.acai.server.job.exec.LineSink;

/** A container's stdout and stderr as the engine streams them, cut into lines for a sink. */
final class ContainerLogs extends ResultCallback.Adapter<Frame> {
  private final Object lock = new Object();
  private final LinePump stdout;
  private final LinePump stderr;
  private long stdoutBytes;
  private long stderrBytes;

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
      boolean error = frame.getStreamType() == StreamType.STDERR;
      (error ? stderr : stdout).accept(payload, payload.length);
      if (error) {
        stderrBytes += payload.length;
      } else {
        stdoutBytes += payload.length;
      }
    }
  }

  /**
   * Reads the ended container's whole log once more and delivers what the followed stream missed: a
   * follow can end before the engine's last entry (an unterminated last line) reaches it.
   */
  void catchUp(DockerClient client, String id, long timeoutSeconds) throws InterruptedException {
    long[] skip;
    synchronized (lock) {
      skip = new long[] {stdoutBytes, stderrBytes};
    }
    ResultCallback.Adapter<Frame> rest =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null || payload.length == 0) {
              return;
            }
            int stream = frame.getStreamType() == StreamType.STDERR ? 1 : 0;
            int seen = (int) Math.min(payload.length, skip[stream]);
            skip[stream] -= seen;
            if (seen < payload.length) {
              byte[] unseen = Arrays.copyOfRange(payload, seen, payload.length);
              ContainerLogs.this.onNext(new Frame(frame.getStreamType(), unseen));
            }
          }
        };
    client
        .logContainerCmd(id)
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(false)
        .exec(rest)
        .awaitCompletion(timeoutSeconds, TimeUnit.SECONDS);
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
