package dev.roberto.client.update;

/** A grant as issued, with its token, which the server shows only once. */
public record IssuedGrant(
    String id,
    String grantToken,
    String runtimeId,
    String agentId,
    String channel,
    String targetVersion,
    boolean rollback,
    String issuedAt,
    String expiresAt) {

  @Override
  public String toString() {
    return "IssuedGrant[id=" + id + ", runtimeId=" + runtimeId + ", agentId=" + agentId + "]";
  }
}
