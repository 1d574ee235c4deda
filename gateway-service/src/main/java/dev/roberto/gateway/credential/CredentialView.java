package dev.roberto.gateway.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A gateway token as its owners see it. {@code token} is set only in the answer that created it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialView(
    String id,
    String agentId,
    String prefix,
    String status,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    Instant revokedAt,
    String replacedBy,
    String token) {

  static CredentialView of(GatewayCredential row, Instant now) {
    return withToken(row, now, null);
  }

  static CredentialView withToken(GatewayCredential row, Instant now, String token) {
    return new CredentialView(
        row.credentialId,
        row.agentId,
        row.prefix,
        row.statusAt(now),
        row.createdAt,
        row.lastUsedAt,
        row.expiresAt,
        row.revokedAt,
        row.replacedBy,
        token);
  }
}
