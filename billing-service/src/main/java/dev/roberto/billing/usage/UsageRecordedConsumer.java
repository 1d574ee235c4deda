package dev.roberto.billing.usage;

import dev.roberto.common.db.DatabaseRetry;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import dev.roberto.events.UsageRecorded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code usage-recorded}. An unreadable event fails here, and the channel's failure strategy
 * sends it to {@code usage-recorded.dead-letter}. While the database is unavailable, the event is
 * applied again with back-off and the channel waits.
 */
@ApplicationScoped
public class UsageRecordedConsumer {

  private final UsageConsumption consumption;

  public UsageRecordedConsumer(UsageConsumption consumption) {
    this.consumption = consumption;
  }

  @Incoming(Topics.USAGE_RECORDED)
  public Uni<Void> consume(String payload) {
    UsageRecorded usage = EventCodec.fromJson(payload, UsageRecorded.class);
    return DatabaseRetry.untilAvailable(
            "Applying usage event " + usage.eventId(), () -> consumption.apply(usage))
        .replaceWithVoid();
  }
}
