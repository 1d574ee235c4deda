package dev.roberto.gateway.proxy;

import dev.roberto.common.readmodel.AgentDirectory;
import dev.roberto.common.readmodel.WorkspaceBilling;
import dev.roberto.common.readmodel.WorkspaceBillingView;
import dev.roberto.gateway.credential.GatewayCredentials;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets a gateway call in: a valid gateway token of the named agent, a live agent, and a workspace
 * whose billing allows gateway use.
 */
@ApplicationScoped
public class Admission {

  static final String API_KEY_HEADER = "x-api-key";
  private static final String BEARER = "Bearer ";

  private final GatewayCredentials credentials;
  private final AgentDirectory agents;
  private final WorkspaceBillingView billing;

  public Admission(
      GatewayCredentials credentials, AgentDirectory agents, WorkspaceBillingView billing) {
    this.credentials = credentials;
    this.agents = agents;
    this.billing = billing;
  }

  /** An admitted call: the agent, its workspace and the workspace's billing snapshot. */
  public record Admitted(String agentId, String workspaceId, WorkspaceBilling billing) {}

  /** Admits the request, or fails with the problem that says why not. */
  public Uni<Admitted> admit(HttpServerRequest request, String pathAgentId) {
    String token = token(request);
    if (token == null) {
      return Uni.createFrom().failure(GatewayProblems.tokenRequired());
    }
    return credentials
        .authenticate(token)
        .chain(
            credential -> {
              if (credential == null) {
                throw GatewayProblems.invalidToken();
              }
              if (pathAgentId != null && !pathAgentId.equals(credential.agentId)) {
                throw GatewayProblems.tokenAgentMismatch(pathAgentId);
              }
              return agents.findLive(credential.agentId);
            })
        .chain(
            agent -> {
              if (agent == null) {
                throw GatewayProblems.invalidToken();
              }
              return billing
                  .find(agent.workspaceId)
                  .map(
                      snapshot -> {
                        if (snapshot == null || !snapshot.mayUseGateway) {
                          throw GatewayProblems.billingInactive(agent.workspaceId);
                        }
                        return new Admitted(agent.agentId, agent.workspaceId, snapshot);
                      });
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
