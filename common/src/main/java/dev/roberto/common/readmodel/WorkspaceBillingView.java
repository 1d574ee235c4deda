package dev.roberto.common.readmodel;

import dev.roberto.common.inbox.ProcessedEvents;
import dev.roberto.events.BillingSynced;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each workspace's newest billing snapshot from {@code billing-synced}. A redelivered event
 * changes nothing, and a snapshot older than the one held is ignored.
 */
@ApplicationScoped
public class WorkspaceBillingView {

  private final ProcessedEvents processedEvents;

  public WorkspaceBillingView(ProcessedEvents processedEvents) {
    this.processedEvents = processedEvents;
  }

  /** Applies the snapshot in its own transaction and returns true when it replaced the held one. */
  public Uni<Boolean> apply(String consumer, BillingSynced event) {
    return Panache.withTransaction(
        () ->
            processedEvents
                .claim(consumer, event.eventId())
                .chain(first -> first ? replaceIfNewer(event) : Uni.createFrom().item(false)));
  }

  public Uni<WorkspaceBilling> find(String workspaceId) {
    return Panache.withSession(() -> WorkspaceBilling.findById(workspaceId));
  }

  private Uni<Boolean> replaceIfNewer(BillingSynced event) {
    return WorkspaceBilling.<WorkspaceBilling>findById(event.workspaceId())
        .chain(
            held -> {
              if (held != null && held.version >= event.version()) {
                Log.debugf(
                    "Ignored billing snapshot %d of workspace %s: version %d is held",
                    (Object) event.version(), event.workspaceId(), held.version);
                return Uni.createFrom().item(false);
              }
              WorkspaceBilling row = held != null ? held : new WorkspaceBilling();
              copy(event, row);
              return held != null ? Uni.createFrom().item(true) : row.persist().replaceWith(true);
            });
  }

  private static void copy(BillingSynced event, WorkspaceBilling row) {
    row.workspaceId = event.workspaceId();
    row.version = event.version();
    row.mayProvision = event.entitlements().provision();
    row.mayStart = event.entitlements().start();
    row.mayUseGateway = event.entitlements().gateway();
    row.maySendWebhooks = event.entitlements().webhooks();
    row.creditBalanceMicros = event.creditBalanceMicros();
    row.subscriptionStatus = event.subscriptionStatus();
    row.plan = event.plan();
    row.syncedAt = event.syncedAt();
  }
}
