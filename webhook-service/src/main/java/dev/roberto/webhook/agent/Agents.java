package dev.roberto.webhook.agent;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.readmodel.AgentDirectory;
import dev.roberto.common.readmodel.KnownAgent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Finds agents in the {@code agent-changed} read model and rejects unknown ones with 404. */
@ApplicationScoped
public class Agents {

  public static final String UNKNOWN_AGENT = "unknown_agent";

  private final AgentDirectory directory;

  public Agents(AgentDirectory directory) {
    this.directory = directory;
  }

  /** Returns the live agent, or fails with 404 {@code unknown_agent}. */
  public Uni<KnownAgent> requireLive(String agentId) {
    return directory.findLive(agentId).map(agent -> requireFound(agent, agentId));
  }

  /**
   * Returns the live agent when it belongs to the workspace, or fails with 404 {@code
   * unknown_agent}, so that callers cannot learn which agents other workspaces have.
   */
  public Uni<KnownAgent> requireInWorkspace(String agentId, String workspaceId) {
    return directory
        .findLive(agentId)
        .map(agent -> agent != null && agent.workspaceId.equals(workspaceId) ? agent : null)
        .map(agent -> requireFound(agent, agentId));
  }

  private static KnownAgent requireFound(KnownAgent agent, String agentId) {
    if (agent == null) {
      throw unknown(agentId);
    }
    return agent;
  }

  /** Returns the 404 {@code unknown_agent} problem for the agent id. */
  public static ProblemException unknown(String agentId) {
    return new ProblemException(
        404,
        UNKNOWN_AGENT,
        "Unknown agent",
        "No agent " + agentId + " exists, or it was deleted.",
        "Check the agentId; agents appear here shortly after runtime-service creates them.");
  }
}
