package dev.roberto.gateway.proxy;

import dev.roberto.gateway.credential.TokenOwners;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Lets a gateway call in: a valid gateway token of the named agent, a live agent, and a workspace
 * whose billing allows gateway use.
 */
@ApplicationScoped
public class Admission {

  static final String API_KEY_HEADER = "x-api-key";
  private static final String BEARER = "Bearer ";

  private final TokenOwners owners;

  public Admission(TokenOwners owners) {
    this.owners = owners;
  }

  /**
   * An admitted call: the agent, its workspace and the credit balance of the workspace's billing
   * snapshot, with the time billing computed it.
   */
  public record Admitted(
      String agentId, String workspaceId, long creditBalanceMicros, Instant billingSyncedAt) {}

  /** Admits the request, or fails with the problem that says why not. */
  public Uni<Admitted> admit(HttpServerRequest request, String pathAgentId) {
    String token = token(request);
    if (token == null) {
      return Uni.createFrom().failure(GatewayProblems.tokenRequired());
    }
    return owners
        .find(token)
        .map(
            owner -> {
              if (owner == null) {
                throw GatewayProblems.invalidToken();
              }
              if (pathAgentId != null && !pathAgentId.equals(owner.agentId())) {
                throw GatewayProblems.tokenAgentMismatch(pathAgentId);
              }
              if (owner.workspaceId() == null) {
                throw GatewayProblems.invalidToken();
              }
              if (!owner.mayUseGateway()) {
                throw GatewayProblems.billingInactive(owner.workspaceId());
              }
              return new Admitted(
                  owner.agentId(),
                  owner.workspaceId(),
                  owner.creditBalanceMicros(),
                  owner.billingSyncedAt());
            });
  }

  private static String token(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String value = authorization.substring(BEARER.length()).trim();
      return value.isEmpty() ? null : value;
    }
    String apiKey = request.getHeader(API_KEY_HEADER);
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }
}
