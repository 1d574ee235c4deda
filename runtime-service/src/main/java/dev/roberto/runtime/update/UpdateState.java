package dev.roberto.runtime.update;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Update state of one component on one runtime, as the runtime reported it: the runtime itself
 * ({@code agentId} null) or one agent. Holds the last check and the last apply.
 */
@Entity
@Table(name = "update_state")
public class UpdateState extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  @Column(name = "runtime_id", nullable = false)
  public UUID runtimeId;

  @Column(name = "agent_id")
  public String agentId;

  @Column(nullable = false)
  public String channel;

  @Column(name = "current_version", nullable = false)
  public String currentVersion;

  /** The version offered at the last check, or the one being applied. */
  @Column(name = "target_version", nullable = false)
  public String targetVersion;

  /** One of {@link UpdateStates}. */
  @Column(nullable = false)
  public String state;

  @Column(name = "last_check_at", nullable = false)
  public Instant lastCheckAt;

  @Column(name = "last_decision_id", nullable = false)
  public UUID lastDecisionId;

  @Column(name = "apply_decision_id")
  public UUID applyDecisionId;

  @Column(name = "apply_target_version")
  public String applyTargetVersion;

  @Column(name = "apply_grant_id")
  public UUID applyGrantId;

  @Column(name = "apply_started_at")
  public Instant applyStartedAt;

  @Column(name = "apply_finished_at")
  public Instant applyFinishedAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
