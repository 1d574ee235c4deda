package dev.roberto.billing.usage;

import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import dev.roberto.events.UsageRecorded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code usage-recorded}. An unreadable event fails here, and the channel's failure strategy
 * sends it to {@code usage-recorded.dead-letter}.
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
    return consumption.apply(usage).replaceWithVoid();
  }
}
