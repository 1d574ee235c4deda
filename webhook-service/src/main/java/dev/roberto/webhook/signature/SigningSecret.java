package dev.roberto.webhook.signature;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A secret that an agent signs its deliveries with, stored encrypted. */
@Entity
@Table(name = "signing_secret")
public class SigningSecret extends PanacheEntityBase {

  @Id
  @Column(name = "secret_id")
  public String secretId;

  @Column(name = "agent_id", nullable = false)
  public String agentId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  /** The first characters of the secret, enough to tell secrets apart in a listing. */
  @Column(nullable = false)
  public String prefix;

  @Column(name = "encrypted_secret", nullable = false)
  public byte[] encryptedSecret;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  /** End of the overlap after a rotation; null while the secret has no end. */
  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  /** The secret that a rotation created to replace this one. */
  @Column(name = "replaced_by")
  public String replacedBy;

  /** Returns true when deliveries signed with this secret are accepted at the instant. */
  public boolean isValidAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  /**
   * Returns {@code active}, {@code expiring} (rotated, in its overlap), {@code expired} or {@code
   * revoked}.
   */
  public String statusAt(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    if (expiresAt == null) {
      return "active";
    }
    return expiresAt.isAfter(now) ? "expiring" : "expired";
  }

  static Uni<List<SigningSecret>> listForAgent(String agentId) {
    return list("agentId = ?1 order by createdAt", agentId);
  }
}
