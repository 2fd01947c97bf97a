package org.acai.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.identity.Role;
import org.acai.server.auth.Authenticator;
import org.acai.server.auth.Principal;

/**
 * Finds the caller of a request. Tokens come from {@code Authorization: Bearer} (our SDK and CLI)
 * or, for the original Python client, from the {@code token} query parameter (GET) or body field
 * (POST). Thread-safe.
 */
public final class Caller {
  static final String USER_ATTRIBUTE = "acai.user";
  private static final String BEARER = "bearer ";

  private final Authenticator authenticator;
  private final UserConcurrency concurrency;

  /** Creates a caller resolver backed by {@code authenticator}, with the default concurrency. */
  public Caller(Authenticator authenticator) {
    this(authenticator, new UserConcurrency(UserConcurrency.DEFAULT_LIMIT));
  }

  /**
   * Creates a caller resolver that limits each user's expensive requests by {@code concurrency}.
   */
  public Caller(Authenticator authenticator, UserConcurrency concurrency) {
    this.authenticator = authenticator;
    this.concurrency = concurrency;
  }

  /**
   * Runs an expensive request (a long poll, a metadata query) of {@code principal} unless that user
   * has too many running already.
   *
   * @param what the kind of request, for the message ("log follows")
   * @throws org.acai.api.error.TooManyRequestsException if the user is at the limit
   */
  public <T> T limited(Principal principal, String what, UserConcurrency.Work<T> work)
      throws InterruptedException {
    return concurrency.run(principal.userId(), what, work);
  }

  /**
   * The authenticated caller.
   *
   * @throws NotAuthenticatedException if the request carries no valid token
   */
  public Principal principal(Context ctx) {
    String token =
        token(ctx)
            .orElseThrow(
                () ->
                    new NotAuthenticatedException(
                        "Missing token: send an Authorization: Bearer header"));
    Principal principal = authenticator.authenticate(token);
    ctx.attribute(USER_ATTRIBUTE, principal.userId());
    return principal;
  }

  /**
   * The authenticated caller, who must be a project member (not the global admin, not a job).
   *
   * @throws ForbiddenException for the global admin token
   */
  public Principal member(Context ctx) {
    Principal principal = principal(ctx);
    if (principal.role() == Role.ADMIN) {
      throw new ForbiddenException("Cannot use the admin token here: use a project user's token");
    }
    return principal;
  }

  /** The raw token the request carries, if any. */
  public Optional<String> token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      String value = header.substring(BEARER.length()).trim();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
    if (HandlerType.GET.equals(ctx.method())) {
      return nonBlank(ctx.queryParam("token"));
    }
    JsonNode field = Requests.body(ctx).get("token");
    return field != null && field.isTextual() ? nonBlank(field.asText()) : Optional.empty();
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
