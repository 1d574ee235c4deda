package dev.roberto.client;

/** A workspace of the signed-in account and the account's role in it. */
public record Workspace(String workspaceId, String workspaceName, String role) {}
