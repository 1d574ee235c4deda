package dev.roberto.runtime.update;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The result of one check-updates call. It is current while it is the runtime's newest decision and
 * has not expired; only then do its apply and its script URLs work.
 */
@Entity
@Table(name = "update_decision")
public class UpdateDecision extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  @Column(name = "runtime_id", nullable = false)
  public UUID runtimeId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  /** When the runtime's next check replaced this decision; null while it is the newest. */
  @Column(name = "superseded_at")
  public Instant supersededAt;

  public boolean isCurrent(Instant now) {
    return supersededAt == null && expiresAt.isAfter(now);
  }
}
