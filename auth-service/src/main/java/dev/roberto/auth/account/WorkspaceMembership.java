package dev.roberto.auth.account;

import java.util.UUID;

/** A workspace an account belongs to, and its role there. */
public record WorkspaceMembership(UUID workspaceId, String workspaceName, Role role) {}
