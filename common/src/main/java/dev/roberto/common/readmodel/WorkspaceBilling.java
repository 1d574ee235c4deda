package dev.roberto.common.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The newest {@code billing-synced} snapshot of a workspace, kept by services that act on
 * entitlements. Table from the Flyway location {@code db/readmodel-billing}.
 */
@Entity
@Table(name = "workspace_billing")
public class WorkspaceBilling extends PanacheEntityBase {

  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  /** Snapshot version from billing; only a higher one replaces this row. */
  @Column(nullable = false)
  public long version;

  @Column(name = "may_provision", nullable = false)
  public boolean mayProvision;

  @Column(name = "may_start", nullable = false)
  public boolean mayStart;

  @Column(name = "may_use_gateway", nullable = false)
  public boolean mayUseGateway;

  @Column(name = "may_send_webhooks", nullable = false)
  public boolean maySendWebhooks;

  @Column(name = "credit_balance_micros", nullable = false)
  public long creditBalanceMicros;

  @Column(name = "subscription_status")
  public String subscriptionStatus;

  public String plan;

  @Column(name = "synced_at", nullable = false)
  public Instant syncedAt;
}
