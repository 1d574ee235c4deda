package dev.roberto.webhook.storage;

import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.Problems;
import dev.roberto.common.web.CorrelationIds;
import dev.roberto.webhook.config.WebhookConfig;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Returns 503 with {@code Retry-After} while PostgreSQL cannot be reached. */
public class StorageProblemMapper {

  private final CorrelationIds correlationIds;
  private final WebhookConfig config;

  public StorageProblemMapper(CorrelationIds correlationIds, WebhookConfig config) {
    this.correlationIds = correlationIds;
    this.config = config;
  }

  @ServerExceptionMapper
  public Response unavailable(StorageUnavailableException e, HttpServerRequest request) {
    Log.warnf(
        "PostgreSQL unavailable on %s %s: %s",
        request.method(), request.path(), e.getCause().getMessage());
    Response problem =
        Problems.response(
            503,
            ProblemCodes.SERVICE_UNAVAILABLE,
            "Service unavailable",
            "The service cannot reach its database, so nothing was stored.",
            "Send the same request again after the Retry-After delay.",
            request.path(),
            correlationIds.current(),
            null);
    return Response.fromResponse(problem)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(config.retryAfter().toSeconds()))
        .build();
  }
}
