package dev.roberto.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The verified subject of a bearer access token.
 *
 * @param subject the {@code sub} claim: a user id, or a client id for runtimes and services
 * @param workspaceId the {@code workspace} claim, or null for service clients
 * @param sessionId the refresh family the token came from ({@code sid}), or null
 */
public record Caller(
    String subject,
    String email,
    UUID workspaceId,
    List<String> roles,
    String client,
    String runtimeId,
    UUID sessionId,
    String keyId,
    Instant expiresAt) {

  /** Returns the user id, or null for the token of a runtime or a service. */
  public UUID userId() {
    return email == null ? null : UUID.fromString(subject);
  }

  public boolean isUser() {
    return email != null;
  }
}
