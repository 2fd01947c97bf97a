package org.acai.server.quota;

import org.acai.api.lifecycle.SetQuotaRequest;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/** The {@code /admin/*quota} endpoints (global admin only). */
public final class QuotaRoutes implements ApiRoutes {
  private final QuotaService quotas;
  private final Caller caller;

  /** Creates the routes over the quota service. */
  public QuotaRoutes(QuotaService quotas, Caller caller) {
    this.quotas = quotas;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    router
        .post(
            "/admin/set_quota",
            ctx ->
                ctx.json(
                    quotas.set(caller.principal(ctx), Requests.body(ctx, SetQuotaRequest.class))))
        .get(
            "/admin/quota",
            ctx -> ctx.json(quotas.show(caller.principal(ctx), Requests.query(ctx, "project_id"))));
  }
}
