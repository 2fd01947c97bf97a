package org.acai.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.TooManyRequestsException;
import org.acai.server.config.EnvSettings;

/**
 * How many expensive requests (long polls, metadata queries) each user may have running at once, so
 * that one user cannot take every request thread or database connection: past the limit a request
 * is answered 429 with {@code Retry-After} at once. Thread-safe.
 */
public final class UserConcurrency {
  /** Environment variable: the limit per user. */
  public static final String ENV = "ACAI_USER_CONCURRENCY";

  /** The limit when none is set. */
  public static final int DEFAULT_LIMIT = 8;

  /** The Retry-After of a refused request, in seconds. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final int limit;
  private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();

  /** A request's work. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does it. */
    T run() throws InterruptedException;
  }

  /** A limit of {@code limit} requests per user at once. */
  public UserConcurrency(int limit) {
    this.limit = limit;
  }

  /**
   * The limit {@value #ENV} sets.
   *
   * @throws InvalidRequestException if it is not a whole number from 1 to 10000
   */
  public static UserConcurrency fromEnv(Map<String, String> env) {
    return new UserConcurrency((int) EnvSettings.count(env, ENV, DEFAULT_LIMIT, 1, 10_000));
  }

  /**
   * Runs {@code work} for {@code userId} unless the user has {@code limit} requests running.
   *
   * @throws TooManyRequestsException if the user is at the limit
   */
  <T> T run(long userId, String what, Work<T> work) throws InterruptedException {
    AtomicInteger count = running.computeIfAbsent(userId, id -> new AtomicInteger());
    if (count.incrementAndGet() > limit) {
      count.decrementAndGet();
      throw new TooManyRequestsException(
          "Too many %s at once: at most %d per user (%s); retry in %s s",
          what, limit, ENV, RETRY_AFTER_SECONDS);
    }
    try {
      return work.run();
    } finally {
      count.decrementAndGet();
    }
  }
}
