package dev.roberto.client.agent;

/**
 * An agent as runtime-service returns it. {@code state} is {@code stopped}, {@code running} or
 * {@code deleted}; {@code version} grows with every change.
 */
public record Agent(
    String id,
    String workspaceId,
    String runtimeId,
    String name,
    String channel,
    String state,
    long version,
    String createdAt,
    String changedAt) {}
