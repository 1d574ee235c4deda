package dev.roberto.mcp;

import dev.roberto.client.gateway.GatewayCredential;
import dev.roberto.client.gateway.GatewayCredentialsApi;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * MCP tools for an agent's gateway tokens. Create and rotate return the new token, the only time it
 * is shown, so that the person can give it to the agent.
 */
@Singleton
public class GatewayTools {

  private final ControlPlaneClients clients;

  public GatewayTools(ControlPlaneClients clients) {
    this.clients = clients;
  }

  @Tool(
      name = "gateway_credentials_create",
      description =
          "Create a gateway token for an agent of the workspace. The result holds the token, which"
              + " is shown only this once.")
  public String create(@ToolArg(description = "The agent's id") String agentId) {
    return ToolFailures.reported(() -> newToken("Created", credentials().create(agentId)));
  }

  @Tool(
      name = "gateway_credentials_list",
      description =
          "List an agent's gateway tokens: id, prefix, status, created, last used, expiry. Tokens"
              + " themselves are never listed.")
  public String list(@ToolArg(description = "The agent's id") String agentId) {
    return ToolFailures.reported(() -> listText(agentId, credentials().list(agentId)));
  }

  @Tool(
      name = "gateway_credentials_rotate",
      description =
          "Replace an active gateway token of an agent. The result holds the new token, shown only"
              + " this once; the old one stays valid for the rotation overlap.")
  public String rotate(
      @ToolArg(description = "The agent's id") String agentId,
      @ToolArg(description = "The id of the credential to replace") String credentialId) {
    return ToolFailures.reported(
        () ->
            newToken(
                "Rotated " + credentialId + " into", credentials().rotate(agentId, credentialId)));
  }

  @Tool(
      name = "gateway_credentials_revoke",
      description = "Revoke a gateway token of an agent at once.")
  public String revoke(
      @ToolArg(description = "The agent's id") String agentId,
      @ToolArg(description = "The id of the credential to revoke") String credentialId) {
    return ToolFailures.reported(
        () -> {
          credentials().revoke(agentId, credentialId);
          return "Revoked gateway credential " + credentialId + " of agent " + agentId + ".";
        });
  }

  private GatewayCredentialsApi credentials() {
    return new GatewayCredentialsApi(clients.client());
  }

  private static String newToken(String action, GatewayCredential credential) {
    return action
        + " gateway credential "
        + credential.id()
        + " for agent "
        + credential.agentId()
        + ". Token, shown only this once: "
        + credential.token();
  }

  private static String listText(String agentId, List<GatewayCredential> credentials) {
    if (credentials.isEmpty()) {
      return "Agent " + agentId + " has no gateway credentials.";
    }
    StringBuilder text = new StringBuilder("Gateway credentials of agent " + agentId + ":");
    for (GatewayCredential credential : credentials) {
      text.append("\n- ")
          .append(credential.id())
          .append(": prefix ")
          .append(credential.prefix())
          .append(", ")
          .append(credential.status())
          .append(", created ")
          .append(credential.createdAt())
          .append(", last used ")
          .append(credential.lastUsedAt() == null ? "never" : credential.lastUsedAt());
      if (credential.expiresAt() != null) {
        text.append(", expires ").append(credential.expiresAt());
      }
    }
    return text.toString();
  }
}
