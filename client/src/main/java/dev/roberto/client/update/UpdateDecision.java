package dev.roberto.client.update;

import java.util.List;
import java.util.Optional;

/** The response to check-updates: the target version for the runtime and each agent. */
public record UpdateDecision(
    String decisionId,
    String runtimeId,
    String createdAt,
    String expiresAt,
    UpdateItem runtime,
    List<UpdateItem> agents) {

  /** Returns the item of an agent, or of the runtime itself when {@code agentId} is null. */
  public Optional<UpdateItem> item(String agentId) {
    if (agentId == null) {
      return Optional.ofNullable(runtime);
    }
    return agents == null
        ? Optional.empty()
        : agents.stream().filter(item -> agentId.equals(item.agentId())).findFirst();
  }
}
