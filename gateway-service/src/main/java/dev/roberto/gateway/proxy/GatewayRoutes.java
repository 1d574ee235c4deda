package dev.roberto.gateway.proxy;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The provider-compatible routes under {@code /api/gateway}: plain Vert.x routes, so that answers
 * pass through as they arrive. Each exists as {@code /api/gateway/v1/...}, for the agent of the
 * token, and as {@code /api/gateway/agents/{agentId}/v1/...}. Another method on such a path gets
 * 405 {@code method_not_allowed}.
 */
@ApplicationScoped
public class GatewayRoutes {

  static final String PREFIX = "/api/gateway";
  private static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private final GatewayProxy proxy;

  public GatewayRoutes(GatewayProxy proxy) {
    this.proxy = proxy;
  }

  void register(@Observes Router router) {
    for (String base : new String[] {PREFIX, PREFIX + "/agents/:agentId"}) {
      for (Endpoint endpoint : Endpoint.values()) {
        String path = base + endpoint.path();
        router
            .route(endpoint.method(), path)
            .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
            .handler(context -> proxy.handle(context, endpoint));
        router.route(path).handler(context -> proxy.rejectMethod(context, endpoint));
      }
    }
  }
}
