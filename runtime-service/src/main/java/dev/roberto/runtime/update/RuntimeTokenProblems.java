package dev.roberto.runtime.update;

import dev.roberto.common.problem.Problems;
import dev.roberto.common.web.CorrelationIds;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The token problems of the endpoints that runtimes call. A runtime renews its access token with
 * its client credentials, not with `roberto auth refresh`, so these endpoints return {@code
 * runtime_token_invalid} with that hint instead of the people's token codes.
 */
@ApplicationScoped
public class RuntimeTokenProblems {

  static final String CODE = "runtime_token_invalid";
  private static final String HINT =
      "Get a new runtime access token: POST /oauth2/token with grant_type=client_credentials and"
          + " the runtime's ROBERTO_RUNTIME_CLIENT_ID and ROBERTO_RUNTIME_CLIENT_SECRET; the"
          + " roberto CLI does this by itself.";

  private final CorrelationIds correlationIds;

  public RuntimeTokenProblems(CorrelationIds correlationIds) {
    this.correlationIds = correlationIds;
  }

  /** Returns 401 for a missing, invalid or expired token. */
  public Response unauthorized(HttpServerRequest request) {
    Log.debugf("Runtime token rejected on %s %s", request.method(), request.path());
    String detail =
        request.getHeader(HttpHeaders.AUTHORIZATION) == null
            ? "This endpoint needs a runtime access token in the Authorization header."
            : "The runtime access token is invalid or expired.";
    Response response =
        Problems.response(
            401,
            CODE,
            "Runtime token invalid",
            detail,
            HINT,
            request.path(),
            correlationIds.current(),
            null);
    return Response.fromResponse(response)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
        .build();
  }

  /** Returns 403 for a valid token that is not a runtime's, such as a person's. */
  public Response notRuntimeToken(HttpServerRequest request) {
    return Problems.response(
        403,
        CODE,
        "Runtime token invalid",
        "The access token is not a runtime access token; " + request.path() + " serves runtimes.",
        HINT,
        request.path(),
        correlationIds.current(),
        null);
  }
}
