package dev.roberto.gateway.credential;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A gateway token of one agent. Only the token's SHA-256 and its first characters are kept. */
@Entity
@Table(name = "gateway_credential")
public class GatewayCredential extends PanacheEntityBase {

  @Id
  @Column(name = "credential_id")
  public String credentialId;

  @Column(name = "agent_id", nullable = false)
  public String agentId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "token_sha256", nullable = false)
  public String tokenSha256;

  @Column(nullable = false)
  public String prefix;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  /** Set when the token was rotated: it stays valid until then. */
  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  @Column(name = "replaced_by")
  public String replacedBy;

  public boolean isValidAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  /** Returns {@code active}, {@code expiring}, {@code expired} or {@code revoked}. */
  public String statusAt(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    if (expiresAt == null) {
      return "active";
    }
    return expiresAt.isAfter(now) ? "expiring" : "expired";
  }

  static Uni<List<GatewayCredential>> listForAgent(String agentId) {
    return list("agentId = ?1 order by createdAt", agentId);
  }

  static Uni<GatewayCredential> findByHash(String tokenSha256) {
    return find("tokenSha256", tokenSha256).firstResult();
  }
}
