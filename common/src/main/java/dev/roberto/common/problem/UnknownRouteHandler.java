package dev.roberto.common.problem;

import dev.roberto.common.web.CorrelationIds;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Returns a 404 problem, instead of an empty body, for a request that no route matches. */
@ApplicationScoped
public class UnknownRouteHandler {

  private final CorrelationIds correlationIds;

  public UnknownRouteHandler(CorrelationIds correlationIds) {
    this.correlationIds = correlationIds;
  }

  void registerLast(@Observes Router router) {
    router
        .route()
        .last()
        .handler(
            context -> {
              Problem problem =
                  Problems.notFound(
                      context.request().method().name(),
                      context.request().path(),
                      correlationIds.current());
              context
                  .response()
                  .setStatusCode(404)
                  .putHeader("Content-Type", Problem.MEDIA_TYPE)
                  .end(Json.encode(problem));
            });
  }
}
