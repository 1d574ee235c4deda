package dev.roberto.runtime.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A grant as the API returns it; {@code grantToken} only in the response that issued it. */
public record GrantView(
    UUID id,
    @JsonInclude(JsonInclude.Include.NON_NULL) String grantToken,
    UUID runtimeId,
    String agentId,
    String channel,
    String targetVersion,
    boolean rollback,
    Instant issuedAt,
    Instant expiresAt,
    Instant usedAt) {

  static GrantView of(UpdateGrant grant, String token) {
    return new GrantView(
        grant.id,
        token,
        grant.runtimeId,
        grant.agentId,
        grant.channel,
        grant.targetVersion,
        grant.rollback,
        grant.issuedAt,
        grant.expiresAt,
        grant.usedAt);
  }
}
