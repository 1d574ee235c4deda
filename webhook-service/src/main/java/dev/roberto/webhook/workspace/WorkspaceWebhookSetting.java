package dev.roberto.webhook.workspace;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A workspace's webhook setting; a workspace without a row requires no signatures of its own. */
@Entity
@Table(name = "workspace_webhook_setting")
public class WorkspaceWebhookSetting extends PanacheEntityBase {

  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "signatures_required", nullable = false)
  public boolean signaturesRequired;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;
}
