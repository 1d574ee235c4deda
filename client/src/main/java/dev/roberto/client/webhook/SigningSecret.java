package dev.roberto.client.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook signing secret of one agent. Timestamps are ISO-8601 instants, null when they do not
 * apply.
 *
 * @param prefix the secret's first characters, to tell secrets apart later
 * @param status {@code active}, {@code expiring} (rotated, still valid for the overlap), {@code
 *     expired} or {@code revoked}
 * @param replacedBy the id of the secret that a rotation created in its place
 * @param secret the whole secret ({@code whsec_...}); set only in the response to create and rotate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SigningSecret(
    String id,
    String agentId,
    String prefix,
    String status,
    String createdAt,
    String expiresAt,
    String revokedAt,
    String replacedBy,
    String secret) {

  /** Leaves the secret out of the text, so that a logged record shows no secret. */
  @Override
  public String toString() {
    return "SigningSecret[id=" + id + ", agentId=" + agentId + ", status=" + status + "]";
  }
}
