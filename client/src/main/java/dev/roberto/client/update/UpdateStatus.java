package dev.roberto.client.update;

/** Update state of one component on one runtime. */
public record UpdateStatus(
    String runtimeId,
    String component,
    String agentId,
    String channel,
    String currentVersion,
    String targetVersion,
    String state,
    String lastCheckAt,
    String lastError,
    String applyStartedAt,
    String applyFinishedAt,
    String updatedAt) {}
