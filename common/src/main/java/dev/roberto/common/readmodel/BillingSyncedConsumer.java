package dev.roberto.common.readmodel;

import dev.roberto.common.db.DatabaseRetry;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link WorkspaceBillingView} from {@code billing-synced} in services that set the build
 * property {@code roberto.consumes.billing-synced=true} and configure the incoming channel. An
 * unreadable event fails here, and the channel's failure strategy sends it to the dead-letter
 * topic. While the database is unavailable, the event is applied again with back-off and the
 * channel waits.
 */
@ApplicationScoped
@IfBuildProperty(name = "roberto.consumes.billing-synced", stringValue = "true")
public class BillingSyncedConsumer {

  private final WorkspaceBillingView billingView;
  private final String consumer;

  public BillingSyncedConsumer(
      WorkspaceBillingView billingView,
      @ConfigProperty(name = "quarkus.application.name") String applicationName) {
    this.billingView = billingView;
    this.consumer = applicationName + "." + Topics.BILLING_SYNCED;
  }

  @Incoming(Topics.BILLING_SYNCED)
  public Uni<Void> consume(String payload) {
    BillingSynced event = EventCodec.fromJson(payload, BillingSynced.class);
    return DatabaseRetry.untilAvailable(
            "Applying BillingSynced event " + event.eventId(),
            () -> billingView.apply(consumer, event))
        .replaceWithVoid();
  }
}
