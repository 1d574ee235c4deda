package dev.roberto.billing.account;

import dev.roberto.events.Entitlements;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Billing state of one workspace. Every change locks this row first, so changes of one workspace
 * run one after another and the cached balance stays equal to the ledger's sum.
 */
@Entity
@Table(name = "billing_account")
public class BillingAccount extends PanacheEntityBase {

  public static final String NO_SUBSCRIPTION = "none";

  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "balance_micros", nullable = false)
  public long balanceMicros;

  @Column(name = "snapshot_version", nullable = false)
  public long snapshotVersion;

  public boolean provision;
  public boolean start;
  public boolean gateway;
  public boolean webhooks;

  @Column(name = "stripe_customer_id")
  public String stripeCustomerId;

  @Column(name = "subscription_id")
  public String subscriptionId;

  @Column(name = "subscription_status", nullable = false)
  public String subscriptionStatus = NO_SUBSCRIPTION;

  public String plan;

  @Column(name = "past_due_since")
  public Instant pastDueSince;

  @Column(name = "subscription_observed_at")
  public Instant subscriptionObservedAt;

  @Column(name = "last_synced_at")
  public Instant lastSyncedAt;

  public Entitlements entitlements() {
    return new Entitlements(provision, start, gateway, webhooks);
  }

  public void setEntitlements(Entitlements entitlements) {
    provision = entitlements.provision();
    start = entitlements.start();
    gateway = entitlements.gateway();
    webhooks = entitlements.webhooks();
  }
}
