package dev.roberto.webhook.signature;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A signing secret as the API shows it. {@code secret} is set only in the response that created the
 * secret, and is never shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SigningSecretView(
    String id,
    String agentId,
    String prefix,
    String status,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String replacedBy,
    String secret) {

  static SigningSecretView of(SigningSecret row, Instant now) {
    return withSecret(row, now, null);
  }

  static SigningSecretView withSecret(SigningSecret row, Instant now, String secret) {
    return new SigningSecretView(
        row.secretId,
        row.agentId,
        row.prefix,
        row.statusAt(now),
        row.createdAt,
        row.expiresAt,
        row.revokedAt,
        row.replacedBy,
        secret);
  }
}
