package dev.roberto.auth.token;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The refresh tokens of one sign-in; revoking it ends the session on every token of it. */
@Entity
@Table(name = "refresh_family")
public class RefreshFamily extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  @Column(name = "client_name", nullable = false)
  public String clientName;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  /** Why it was revoked: {@code logout}, {@code reuse} or {@code membership}. */
  @Column(name = "revoked_reason")
  public String revokedReason;

  public boolean revoked() {
    return revokedAt != null;
  }

  public void revoke(String reason) {
    if (revokedAt == null) {
      revokedAt = Instant.now();
      revokedReason = reason;
    }
  }
}
