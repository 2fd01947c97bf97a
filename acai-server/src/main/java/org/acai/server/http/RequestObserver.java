package org.acai.server.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access log and request metrics. Logs the path without its query string, because the original
 * client sends its token as a query parameter.
 */
final class RequestObserver {
  private static final Logger ACCESS = LoggerFactory.getLogger("acai.access");

  private final MeterRegistry registry;
  // Building a meter id per request costs more than a small upload's own work.
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  private record TimerKey(String method, String route, int status) {}

  RequestObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  void observe(Context ctx, Float millis) {
    String route = route(ctx);
    int status = ctx.status().getCode();
    timers
        .computeIfAbsent(new TimerKey(ctx.method().name(), route, status), this::timer)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    if (!ACCESS.isInfoEnabled()) {
      return;
    }
    Object user = ctx.attribute(Caller.USER_ATTRIBUTE);
    ACCESS.info(
        "method={} path={} route={} status={} ms={} user={} ip={}",
        ctx.method().name(),
        ctx.path(),
        route,
        status,
        String.format("%.1f", millis),
        user == null ? "-" : user,
        ctx.ip());
  }

  private Timer timer(TimerKey key) {
    return Timer.builder("acai.http.requests")
        .description("HTTP requests by route and status")
        .tag("method", key.method())
        .tag("route", key.route())
        .tag("status", Integer.toString(key.status()))
        .register(registry);
  }

  private static String route(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
