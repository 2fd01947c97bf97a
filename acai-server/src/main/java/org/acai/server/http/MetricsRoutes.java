package org.acai.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.Map;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;

/**
 * {@code GET /metrics} in Prometheus' text format, as {@code ACAI_METRICS} allows: {@code token}
 * (the default: the global admin token as a bearer token, since the metrics name routes and
 * projects), {@code open} (anyone who reaches the port, for a scraper on a private network), or
 * {@code off} (no such route).
 */
public final class MetricsRoutes implements ApiRoutes {
  /** Environment variable choosing who may read the metrics. */
  public static final String ENV = "ACAI_METRICS";

  /** Who may read the metrics. */
  public enum Access {
    OPEN,
    TOKEN,
    OFF
  }

  private final PrometheusMeterRegistry registry;
  private final Access access;
  private final Caller caller;
  private final Runnable beforeScrape;

  /**
   * @throws InvalidRequestException if {@value #ENV} names no access mode
   */
  public MetricsRoutes(PrometheusMeterRegistry registry, Map<String, String> env, Caller caller) {
    this(registry, env, caller, () -> {});
  }

  /**
   * As above, with figures refreshed before each scrape (cheaply: {@code beforeScrape} caches).
   *
   * @throws InvalidRequestException if {@value #ENV} names no access mode
   */
  public MetricsRoutes(
      PrometheusMeterRegistry registry,
      Map<String, String> env,
      Caller caller,
      Runnable beforeScrape) {
    this.registry = registry;
    this.access = access(env);
    this.caller = caller;
    this.beforeScrape = beforeScrape;
  }

  static Access access(Map<String, String> env) {
    String value = env.getOrDefault(ENV, "token").trim().toUpperCase(Locale.ROOT);
    try {
      return Access.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "Invalid %s: %s (open, token or off)", ENV, env.get(ENV).trim());
    }
  }

  @Override
  public void register(Router router) {
    if (access == Access.OFF) {
      return;
    }
    router.get(
        "/metrics",
        ctx -> {
          if (access == Access.TOKEN && !caller.principal(ctx).isAdmin()) {
            throw new ForbiddenException(
                "Cannot read metrics: only the global admin may (%s=open opens them)", ENV);
          }
          beforeScrape.run();
          ctx.contentType("text/plain; version=0.0.4").result(registry.scrape());
        });
  }
}
