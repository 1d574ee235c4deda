package dev.roberto.client.gateway;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.UrlPaths;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway tokens of an agent, on gateway-service. The agent must belong to the login's
 * workspace; otherwise the server returns 404 {@code unknown_agent}.
 */
public final class GatewayCredentialsApi {

  private static final String SERVICE = "gateway";

  private final RobertoClient client;

  public GatewayCredentialsApi(RobertoClient client) {
    this.client = client;
  }

  /** Creates a token for the agent; the result carries the token, which is shown only here. */
  public GatewayCredential create(String agentId) {
    return client.call("POST", SERVICE, base(agentId), null, GatewayCredential.class);
  }

  /** Lists the agent's tokens by id and prefix, without the tokens themselves. */
  public List<GatewayCredential> list(String agentId) {
    GatewayCredential[] credentials =
        client.call("GET", SERVICE, base(agentId), null, GatewayCredential[].class);
    return credentials == null ? List.of() : Arrays.asList(credentials);
  }

  /**
   * Creates a replacement for an active token and returns it with its token; the old token stays
   * valid for the server's rotation overlap.
   */
  public GatewayCredential rotate(String agentId, String credentialId) {
    String path = base(agentId) + "/" + UrlPaths.segment(credentialId) + "/rotate";
    return client.call("POST", SERVICE, path, null, GatewayCredential.class);
  }

  /** Revokes the token at once. */
  public void revoke(String agentId, String credentialId) {
    String path = base(agentId) + "/" + UrlPaths.segment(credentialId);
    client.call("DELETE", SERVICE, path, null, Void.class);
  }

  private static String base(String agentId) {
    return "/api/agents/" + UrlPaths.segment(agentId) + "/gateway-credentials";
  }
}
