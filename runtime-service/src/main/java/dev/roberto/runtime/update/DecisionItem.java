package dev.roberto.runtime.update;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One component of a decision: the runtime itself ({@code agentId} null) or one agent. */
@Entity
@Table(name = "update_decision_item")
public class DecisionItem extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "decision_id", nullable = false)
  public UUID decisionId;

  /** {@code runtime} or {@code agent}. */
  @Column(nullable = false)
  public String component;

  @Column(name = "agent_id")
  public String agentId;

  @Column(nullable = false)
  public String channel;

  @Column(name = "current_version", nullable = false)
  public String currentVersion;

  /** The offered version; equal to the current version when there is nothing to apply. */
  @Column(name = "target_version", nullable = false)
  public String targetVersion;

  /** The release of the target version, or null when there is nothing to apply. */
  @Column(name = "release_id")
  public UUID releaseId;

  @Column(name = "approval_required", nullable = false)
  public boolean approvalRequired;

  /** True when the target is older than the current version. */
  @Column(nullable = false)
  public boolean rollback;

  public boolean offersUpdate() {
    return releaseId != null;
  }
}
