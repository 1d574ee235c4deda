package dev.roberto.runtime.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Obtains a runtime's credential from auth-service on the caller's behalf.
 *
 * <p>The call is not retried: each call issues a new credential, so a retry after a lost response
 * could leave a second credential behind. A failure reaches the caller instead, as the problem
 * auth-service returned when it rejected the caller (401, 403), or as 503 {@code
 * runtime_credential_unavailable} with {@code Retry-After} for anything else.
 */
@ApplicationScoped
public class RuntimeCredentials {

  static final String UNAVAILABLE = "runtime_credential_unavailable";

  private final AuthServiceClient authService;
  private final long retryAfterSeconds;

  public RuntimeCredentials(
      @RestClient AuthServiceClient authService,
      @ConfigProperty(name = "roberto.runtime.credential-retry-after-seconds", defaultValue = "5")
          long retryAfterSeconds) {
    this.authService = authService;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Issues a credential for the runtime, or fails with a problem that states the reason. */
  public Uni<IssuedCredential> issue(UUID runtimeId) {
    return authService
        .issueRuntimeCredential(new AuthServiceClient.CredentialRequest(runtimeId.toString()))
        .onFailure()
        .transform(failure -> toProblem(runtimeId, failure));
  }

  private ProblemException toProblem(UUID runtimeId, Throwable failure) {
    if (failure instanceof WebApplicationException rejected) {
      Response response = rejected.getResponse();
      int status = response.getStatus();
      if (status == 401 || status == 403) {
        Log.infof(
            "auth-service rejected the credential request for runtime %s with HTTP %d",
            runtimeId, status);
        return relayed(response);
      }
      Log.warnf(
          "auth-service returned HTTP %d to the credential request for runtime %s",
          status, runtimeId);
    } else {
      Log.warnf(
          "Requesting the credential of runtime %s from auth-service failed: %s",
          runtimeId, failure.toString());
    }
    return new ProblemException(
            503,
            UNAVAILABLE,
            "Runtime credential unavailable",
            "auth-service could not issue the runtime's credential, so the runtime was not"
                + " registered.",
            "Try again in " + retryAfterSeconds + " seconds (Retry-After).")
        .with("retryAfterSeconds", retryAfterSeconds);
  }

  /**
   * Passes on auth-service's own problem, whose hint names the next step for the caller's login.
   */
  private static ProblemException relayed(Response response) {
    JsonNode body = readBody(response);
    int status = response.getStatus();
    return new ProblemException(
        status,
        text(body, "code", status == 401 ? "invalid_token" : "forbidden"),
        text(body, "title", status == 401 ? "Invalid token" : "Forbidden"),
        text(body, "detail", "auth-service did not allow issuing the runtime's credential."),
        text(body, "hint", "Run `roberto auth login`."));
  }

  private static JsonNode readBody(Response response) {
    try {
      return response.readEntity(JsonNode.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    return body != null && body.hasNonNull(field) ? body.get(field).asText() : fallback;
  }
}
