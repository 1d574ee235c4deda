package dev.roberto.mcp;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.update.GrantRequest;
import dev.roberto.client.update.IssuedGrant;
import dev.roberto.client.update.UpdateStatus;
import dev.roberto.client.update.UpdatesApi;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import jakarta.inject.Singleton;

/**
 * MCP tools for runtime updates, for the person of the stored login: an agent's update status, and
 * grants that let a runtime apply one update. check-updates and apply run on the runtime host with
 * the runtime's own credential, so they are CLI commands only.
 */
@Singleton
public class UpdateTools {

  private final ToolClients clients;

  public UpdateTools(ToolClients clients) {
    this.clients = clients;
  }

  @Tool(
      name = "update_status",
      description =
          "Show an agent's update status: current and target version, state, last check and last"
              + " error.")
  public String updateStatus(
      @ToolArg(description = "The agent id, as its runtime reports it.") String agentId) {
    return ToolClients.reported(
        () -> {
          UpdateStatus status = new UpdatesApi(client()).agentUpdateStatus(agentId);
          return String.join(
              "\n",
              "Agent: " + status.agentId() + " on runtime " + status.runtimeId(),
              "Channel: " + status.channel(),
              "Current version: " + status.currentVersion(),
              "Target version: " + status.targetVersion(),
              "State: " + status.state(),
              "Last check: " + status.lastCheckAt(),
              "Last error: " + (status.lastError() == null ? "none" : status.lastError()));
        });
  }

  @Tool(
      name = "issue_grant",
      description =
          "Issue a single-use grant (owner or admin) that lets one runtime apply one target"
              + " version of itself or of one agent. Returns the grant token, shown only once:"
              + " hand it to the person who runs `roberto runtime apply` on the runtime.")
  public String issueGrant(
      @ToolArg(description = "The runtime id.") String runtimeId,
      @ToolArg(
              description = "The agent id; leave it out to update the runtime itself.",
              required = false)
          String agentId,
      @ToolArg(description = "The release channel, such as stable.") String channel,
      @ToolArg(description = "The version the update installs.") String targetVersion,
      @ToolArg(
              description = "True to allow a target older than the installed version.",
              required = false)
          Boolean rollback,
      @ToolArg(description = "Lifetime of the grant in seconds (default 3600).", required = false)
          Long expiresInSeconds) {
    return ToolClients.reported(
        () -> {
          IssuedGrant grant =
              new UpdatesApi(client())
                  .issueGrant(
                      new GrantRequest(
                          runtimeId,
                          agentId == null || agentId.isBlank() ? null : agentId,
                          channel,
                          targetVersion,
                          Boolean.TRUE.equals(rollback),
                          expiresInSeconds));
          return String.join(
              "\n",
              "Grant "
                  + grant.id()
                  + " for "
                  + (grant.agentId() == null ? "the runtime itself" : "agent " + grant.agentId())
                  + " on runtime "
                  + grant.runtimeId()
                  + ": "
                  + grant.channel()
                  + " "
                  + grant.targetVersion()
                  + (grant.rollback() ? " (rollback allowed)" : "")
                  + ", valid once until "
                  + grant.expiresAt()
                  + ".",
              "Grant token (shown only this once): " + grant.grantToken(),
              "On the runtime: roberto runtime apply --approve --grant-token "
                  + grant.grantToken()
                  + (grant.agentId() == null ? "" : " --agent " + grant.agentId()));
        });
  }

  private RobertoClient client() {
    return clients.client();
  }
}
