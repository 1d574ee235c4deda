package dev.roberto.runtime.agent;

import java.time.Instant;
import java.util.UUID;

/** An agent as the API returns it. */
public record AgentView(
    UUID id,
    UUID workspaceId,
    UUID runtimeId,
    String name,
    String channel,
    AgentState state,
    long version,
    Instant createdAt,
    Instant changedAt) {

  static AgentView of(Agent agent) {
    return new AgentView(
        agent.id,
        agent.workspaceId,
        agent.runtimeId,
        agent.name,
        agent.channel,
        agent.state,
        agent.version,
        agent.createdAt,
        agent.changedAt);
  }
}
