package dev.roberto.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.common.problem.Problem;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** The problems of gateway calls, and how they are written on the plain Vert.x routes. */
public final class GatewayProblems {

  public static final String TOKEN_REQUIRED = "gateway_token_required";
  public static final String INVALID_TOKEN = "invalid_gateway_token";
  public static final String TOKEN_AGENT_MISMATCH = "token_agent_mismatch";
  public static final String BILLING_INACTIVE = "billing_inactive";
  public static final String CREDITS_EXHAUSTED = "credits_exhausted";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String PROVIDER_RATE_LIMITED = "provider_rate_limited";
  public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
  public static final String MODEL_REQUIRED = "model_required";
  public static final String MODEL_NOT_ALLOWED = "model_not_allowed";
  public static final String INVALID_REQUEST_BODY = "invalid_request_body";

  private GatewayProblems() {}

  static ProblemException tokenRequired() {
    return new ProblemException(
        401,
        TOKEN_REQUIRED,
        "Unauthorized",
        "Gateway calls need the agent's gateway token in Authorization: Bearer or x-api-key.",
        "Create one with `roberto gateway credentials create --agent AGENT_ID`.");
  }

  static ProblemException invalidToken() {
    return new ProblemException(
        401,
        INVALID_TOKEN,
        "Unauthorized",
        "The gateway token is unknown, revoked or expired.",
        "Create a new one with `roberto gateway credentials create --agent AGENT_ID`.");
  }

  static ProblemException tokenAgentMismatch(String agentId) {
    return new ProblemException(
        401,
        TOKEN_AGENT_MISMATCH,
        "Unauthorized",
        "The gateway token belongs to another agent than " + agentId + ".",
        "Fetch the credentials of agent "
            + agentId
            + " with `roberto gateway credentials list --agent "
            + agentId
            + "` and use its token.");
  }

  static ProblemException billingInactive(String workspaceId) {
    return new ProblemException(
        402,
        BILLING_INACTIVE,
        "Billing inactive",
        "Workspace " + workspaceId + " is not entitled to use the LLM gateway.",
        "Run `roberto billing status`.");
  }

  static ProblemException creditsExhausted(String workspaceId) {
    return new ProblemException(
        402,
        CREDITS_EXHAUSTED,
        "Credits exhausted",
        "Workspace " + workspaceId + " has too few credits left for this request.",
        "Run `roberto billing credits-checkout` to buy credits, then retry.");
  }

  static ProblemException rateLimited(Duration retryAfter) {
    return new ProblemException(
            429,
            RATE_LIMITED,
            "Too many requests",
            "This agent sent more gateway requests than its limit allows.",
            "Wait " + seconds(retryAfter) + " seconds (Retry-After), then retry.")
        .with("retryAfterSeconds", seconds(retryAfter));
  }

  static ProblemException providerRateLimited(String retryAfter) {
    return new ProblemException(
        429,
        PROVIDER_RATE_LIMITED,
        "Provider rate limit",
        "The LLM provider refused the request because of its own rate limit.",
        retryAfter == null
            ? "Wait a moment, then retry."
            : "Wait " + retryAfter + " seconds (Retry-After), then retry.");
  }

  static ProblemException providerUnavailable(String model, Duration retryAfter) {
    return new ProblemException(
        503,
        PROVIDER_UNAVAILABLE,
        "Provider unavailable",
        "No provider of model " + model + " answered.",
        "Retry after " + seconds(retryAfter) + " seconds; the gateway tried every provider.");
  }

  static ProblemException modelRequired() {
    return new ProblemException(
        400,
        MODEL_REQUIRED,
        "Model required",
        "The request names no model.",
        "Set \"model\" to one of the models GET /v1/models lists.");
  }

  static ProblemException modelNotAllowed(String model) {
    return new ProblemException(
        403,
        MODEL_NOT_ALLOWED,
        "Model not allowed",
        "Model " + model + " is not available to this agent on this endpoint.",
        "List the models this agent may use with GET /api/gateway/v1/models.");
  }

  static ProblemException modelNotOnAllowList(String model, String agentId) {
    return new ProblemException(
        403,
        MODEL_NOT_ALLOWED,
        "Model not allowed",
        "Model " + model + " is not on the model allow-list of agent " + agentId + ".",
        "List the models this agent may use with GET /api/gateway/v1/models; a workspace owner"
            + " or admin can change the list with PUT /api/agents/"
            + agentId
            + "/gateway-models.");
  }

  static ProblemException methodNotAllowed(String method, String path, Endpoint endpoint) {
    return new ProblemException(
        405,
        ProblemCodes.METHOD_NOT_ALLOWED,
        "Method not allowed",
        method + " is not allowed on " + path + ".",
        "Use " + endpoint.method().name() + ", as the Allow header says.");
  }

  static ProblemException malformedJson() {
    return new ProblemException(
        400,
        ProblemCodes.MALFORMED_JSON,
        "Malformed JSON",
        "The request body is not valid JSON.",
        "Send a well-formed JSON document with Content-Type: application/json.");
  }

  static ProblemException invalidBody(String detail) {
    return new ProblemException(
        400,
        INVALID_REQUEST_BODY,
        "Invalid request body",
        detail,
        "Send a JSON object with Content-Type: application/json.");
  }

  static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  /** Writes the problem as the response, unless a response was already started. */
  static void write(
      RoutingContext context, ObjectMapper json, ProblemException problem, String requestId) {
    HttpServerResponse response = context.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    Problem body =
        new Problem(
            Problem.TYPE_BASE + problem.code(),
            problem.title(),
            problem.status(),
            problem.detail(),
            context.request().path(),
            problem.code(),
            problem.hint(),
            requestId,
            problem.extensions().isEmpty() ? null : problem.extensions());
    try {
      response
          .setStatusCode(problem.status())
          .putHeader("Content-Type", Problem.MEDIA_TYPE)
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Writing a problem failed", e);
    }
  }
}
