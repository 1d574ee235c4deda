package dev.roberto.runtime.grant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Permission for one runtime to apply one update: to one target version of the runtime itself
 * ({@code agentId} null) or of one agent, from one channel. Single use.
 */
@Entity
@Table(name = "update_grant")
public class UpdateGrant extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  /** Lower-case hex SHA-256 of the token; the token itself is shown once and never stored. */
  @Column(name = "token_sha256", nullable = false)
  public String tokenSha256;

  @Column(name = "runtime_id", nullable = false)
  public UUID runtimeId;

  @Column(name = "agent_id")
  public String agentId;

  @Column(nullable = false)
  public String channel;

  @Column(name = "target_version", nullable = false)
  public String targetVersion;

  /** True when the grant allows a target older than the current version. */
  @Column(nullable = false)
  public boolean rollback;

  @Column(name = "issued_by", nullable = false)
  public String issuedBy;

  @Column(name = "issued_at", nullable = false)
  public Instant issuedAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "used_at")
  public Instant usedAt;

  /** The decision whose apply used the grant. */
  @Column(name = "used_decision")
  public UUID usedDecision;
}
