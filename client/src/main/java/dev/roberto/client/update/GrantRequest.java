package dev.roberto.client.update;

/**
 * The scope of a grant: one target version of the runtime itself ({@code agentId} null) or of one
 * agent, from one channel. {@code expiresInSeconds} null takes the server's default lifetime.
 */
public record GrantRequest(
    String runtimeId,
    String agentId,
    String channel,
    String targetVersion,
    boolean rollback,
    Long expiresInSeconds) {}
