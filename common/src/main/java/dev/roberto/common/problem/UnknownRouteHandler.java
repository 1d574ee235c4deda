package dev.roberto.common.problem;

import dev.roberto.common.web.CorrelationIds;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Answers a request that no route takes with a 404 problem instead of an empty body. */
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
              String path = context.request().path();
              Problem problem =
                  new Problem(
                      Problem.TYPE_BASE + ProblemCodes.NOT_FOUND,
                      "Not found",
                      404,
                      "No endpoint exists at " + context.request().method() + " " + path + ".",
                      path,
                      ProblemCodes.NOT_FOUND,
                      "Check the URL against the service's API at /q/openapi.",
                      correlationIds.current(),
                      null);
              context
                  .response()
                  .setStatusCode(404)
                  .putHeader("Content-Type", Problem.MEDIA_TYPE)
                  .end(Json.encode(problem));
            });
  }
}
