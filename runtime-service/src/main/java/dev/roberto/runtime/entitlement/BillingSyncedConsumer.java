package dev.roberto.runtime.entitlement;

import dev.roberto.common.readmodel.WorkspaceBillingView;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each workspace's entitlements from billing. An unreadable event fails here and goes to the
 * dead-letter topic.
 */
@ApplicationScoped
public class BillingSyncedConsumer {

  static final String CONSUMER = "runtime-service.billing-synced";

  private final WorkspaceBillingView billingView;

  public BillingSyncedConsumer(WorkspaceBillingView billingView) {
    this.billingView = billingView;
  }

  @Incoming(Topics.BILLING_SYNCED)
  public Uni<Void> consume(String payload) {
    BillingSynced event = EventCodec.fromJson(payload, BillingSynced.class);
    return billingView.apply(CONSUMER, event).replaceWithVoid();
  }
}
