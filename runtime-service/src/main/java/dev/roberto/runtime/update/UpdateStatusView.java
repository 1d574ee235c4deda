package dev.roberto.runtime.update;

import java.time.Instant;
import java.util.UUID;

/** Update state of one component on one runtime, as the API returns it. */
public record UpdateStatusView(
    UUID runtimeId,
    String component,
    String agentId,
    String channel,
    String currentVersion,
    String targetVersion,
    String state,
    Instant lastCheckAt,
    String lastError,
    Instant applyStartedAt,
    Instant applyFinishedAt,
    Instant updatedAt) {

  static UpdateStatusView of(UpdateState state) {
    return new UpdateStatusView(
        state.runtimeId,
        state.agentId == null ? "runtime" : "agent",
        state.agentId,
        state.channel,
        state.currentVersion,
        state.targetVersion,
        state.state,
        state.lastCheckAt,
        state.lastError,
        state.applyStartedAt,
        state.applyFinishedAt,
        state.updatedAt);
  }
}
