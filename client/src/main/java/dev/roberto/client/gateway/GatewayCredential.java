package dev.roberto.client.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A gateway token of one agent. Timestamps are ISO-8601 instants, null when they do not apply.
 *
 * @param prefix the token's first characters, to tell tokens apart later
 * @param status {@code active}, {@code expiring} (rotated, still valid for the overlap), {@code
 *     expired} or {@code revoked}
 * @param replacedBy the id of the credential that a rotation created in its place
 * @param token the whole token; set only in the response to create and rotate, never again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayCredential(
    String id,
    String agentId,
    String prefix,
    String status,
    String createdAt,
    String lastUsedAt,
    String expiresAt,
    String revokedAt,
    String replacedBy,
    String token) {

  /** Leaves the token out of the text, so that a logged record shows no token. */
  @Override
  public String toString() {
    return "GatewayCredential[id=" + id + ", agentId=" + agentId + ", status=" + status + "]";
  }
}
