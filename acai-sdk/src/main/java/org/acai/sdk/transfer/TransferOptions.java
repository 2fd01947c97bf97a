package org.acai.sdk.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * How a batch transfer runs: progress listener, parallelism and retries. Immutable; build with
 * {@link #builder()}, e.g. {@code TransferOptions.builder().listener(bar).parallelism(4).build()}.
 */
public final class TransferOptions {
  private static final TransferOptions DEFAULTS = builder().build();

  private final TransferListener listener;
  private final int parallelism;
  private final int maxAttempts;
  private final Duration firstBackoff;

  private TransferOptions(Builder builder) {
    this.listener = builder.listener;
    this.parallelism = builder.parallelism;
    this.maxAttempts = builder.maxAttempts;
    this.firstBackoff = builder.firstBackoff;
  }

  /** No progress reports, 8 transfers at once, 4 attempts per file from 200 ms backoff. */
  public static TransferOptions defaults() {
    return DEFAULTS;
  }

  /** Default options with this listener. */
  public static TransferOptions withListener(TransferListener listener) {
    return builder().listener(listener).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return builder()
        .listener(listener)
        .parallelism(parallelism)
        .maxAttempts(maxAttempts)
        .firstBackoff(firstBackoff);
  }

  /** Receives progress reports, from transfer threads. */
  public TransferListener listener() {
    return listener;
  }

  /** How many files move at once. */
  public int parallelism() {
    return parallelism;
  }

  /** How many times one file is tried before the batch fails. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the first retry; it doubles after each failed attempt. */
  public Duration firstBackoff() {
    return firstBackoff;
  }

  /** Builds {@link TransferOptions}; not thread-safe. */
  public static final class Builder {
    private TransferListener listener = TransferListener.NONE;
    private int parallelism = 8;
    private int maxAttempts = 4;
    private Duration firstBackoff = Duration.ofMillis(200);

    private Builder() {}

    /** Sets the progress listener (default: none). */
    public Builder listener(TransferListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Sets how many files move at once (default 8).
     *
     * @throws IllegalArgumentException unless 1 to 64
     */
    public Builder parallelism(int value) {
      if (value < 1 || value > 64) {
        throw new IllegalArgumentException("Invalid parallelism: " + value + " (1 to 64)");
      }
      this.parallelism = value;
      return this;
    }

    /**
     * Sets how many times one file is tried (default 4; 1 means no retries).
     *
     * @throws IllegalArgumentException unless 1 to 20
     */
    public Builder maxAttempts(int value) {
      if (value < 1 || value > 20) {
        throw new IllegalArgumentException("Invalid max attempts: " + value + " (1 to 20)");
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the wait before the first retry (default 200 ms).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder firstBackoff(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("Invalid backoff: " + value);
      }
      this.firstBackoff = value;
      return this;
    }

    /** The options. */
    public TransferOptions build() {
      return new TransferOptions(this);
    }
  }
}
