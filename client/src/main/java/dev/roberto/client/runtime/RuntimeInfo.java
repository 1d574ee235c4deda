package dev.roberto.client.runtime;

/**
 * A registered runtime as {@code GET /api/runtime/runtimes} returns it. {@code credentialClientId}
 * is null for runtimes registered before registration issued credentials.
 */
public record RuntimeInfo(
    String id, String workspaceId, String name, String registeredAt, String credentialClientId) {}
