package dev.roberto.billing.entitlement;

import dev.roberto.billing.account.BillingAccount;
import dev.roberto.common.outbox.Outbox;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.Entitlements;
import dev.roberto.events.SchemaVersion;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Recomputes a locked account's entitlements and writes a {@code billing-synced} snapshot into the
 * outbox of the same transaction. The snapshot version is the account's counter plus one, so it
 * only grows.
 */
@ApplicationScoped
public class Snapshots {

  private final EntitlementPolicy policy;
  private final Outbox outbox;

  public Snapshots(EntitlementPolicy policy, Outbox outbox) {
    this.policy = policy;
    this.outbox = outbox;
  }

  /**
   * Publishes a snapshot when the entitlements changed, or always when {@code force} is set (a new
   * workspace, a purchase, a subscription change, a sync). A debit that leaves the entitlements as
   * they were publishes nothing, so consumers see one snapshot per change, not one per usage event.
   */
  public Uni<Boolean> publishIfChanged(BillingAccount account, boolean force) {
    Instant now = Instant.now();
    Entitlements decided = policy.decide(account, now);
    if (!force && decided.equals(account.entitlements())) {
      return Uni.createFrom().item(false);
    }
    account.setEntitlements(decided);
    account.snapshotVersion++;
    BillingSynced snapshot =
        new BillingSynced(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            account.workspaceId,
            account.snapshotVersion,
            decided,
            account.balanceMicros,
            account.subscriptionStatus,
            account.plan,
            now);
    Log.debugf(
        "Billing snapshot %d of workspace %s: %s",
        account.snapshotVersion, account.workspaceId, decided);
    return outbox.append(snapshot).replaceWith(true);
  }
}
