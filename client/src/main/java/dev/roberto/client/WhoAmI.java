package dev.roberto.client;

import java.util.List;

/** The identity of the stored access token, as {@code GET /api/auth/whoami} returns it. */
public record WhoAmI(
    String subject,
    String userId,
    String email,
    String workspaceId,
    List<String> roles,
    String client,
    String runtimeId,
    String expiresAt) {}
