package dev.roberto.billing.usage;

import dev.roberto.common.db.DatabaseRetry;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import dev.roberto.events.UnreadableEventException;
import dev.roberto.events.UsageRecorded;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code usage-recorded} in batches, one per Kafka poll, and applies each batch in one
 * transaction. An unreadable event is nacked on its own, so the channel's failure strategy sends it
 * to {@code usage-recorded.dead-letter} and the rest of the batch is applied. When the batch
 * transaction fails for another reason than a database outage, each event is applied in a
 * transaction of its own, and only the events that fail again go to the dead-letter topic. While
 * the database is unavailable, the batch is applied again with back-off and the channel waits.
 */
@ApplicationScoped
public class UsageRecordedConsumer {

  private final UsageConsumption consumption;

  public UsageRecordedConsumer(UsageConsumption consumption) {
    this.consumption = consumption;
  }

  /** A readable event and the record it came from. */
  private record Delivery(KafkaRecord<String, String> record, UsageRecorded usage) {}

  @Incoming(Topics.USAGE_RECORDED)
  public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
    List<Delivery> deliveries = new ArrayList<>();
    List<Uni<Void>> rejections = new ArrayList<>();
    for (KafkaRecord<String, String> record : batch.getRecords()) {
      try {
        deliveries.add(new Delivery(record, read(record.getPayload())));
      } catch (UnreadableEventException | IllegalArgumentException e) {
        rejections.add(reject(record, e));
      }
    }
    return Multi.createFrom()
        .iterable(rejections)
        .onItem()
        .transformToUniAndConcatenate(rejection -> rejection)
        .collect()
        .last()
        .chain(() -> applyAll(deliveries))
        .chain(() -> Uni.createFrom().completionStage(batch.ack()));
  }

  private Uni<Void> applyAll(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<UsageRecorded> events = deliveries.stream().map(Delivery::usage).toList();
    String work =
        events.size() == 1
            ? "Applying usage event " + events.get(0).eventId()
            : "Applying "
                + events.size()
                + " usage events, "
                + events.get(0).eventId()
                + " to "
                + events.get(events.size() - 1).eventId();
    return DatabaseRetry.untilAvailable(work, () -> consumption.applyAll(events))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              Log.warnf(
                  "%s failed, applying each event on its own instead: %s",
                  work, failure.getMessage());
              return applyOneByOne(deliveries);
            });
  }

  private Uni<Void> applyOneByOne(List<Delivery> deliveries) {
    return Multi.createFrom()
        .iterable(deliveries)
        .onItem()
        .transformToUniAndConcatenate(this::applyOne)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> applyOne(Delivery delivery) {
    UsageRecorded usage = delivery.usage();
    return DatabaseRetry.untilAvailable(
            "Applying usage event " + usage.eventId(), () -> consumption.apply(usage))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(failure -> reject(delivery.record(), failure));
  }

  /** Sends the record to the dead-letter topic through the channel's failure strategy. */
  private static Uni<Void> reject(KafkaRecord<String, String> record, Throwable failure) {
    Log.warnf(
        "Usage event with key %s on %s-%d goes to the dead-letter topic: %s",
        record.getKey(), record.getTopic(), record.getPartition(), failure.getMessage());
    return Uni.createFrom().completionStage(record.nack(failure));
  }

  private static UsageRecorded read(String payload) {
    UsageRecorded usage = EventCodec.fromJson(payload, UsageRecorded.class);
    UsageConsumption.requireWorkspace(usage);
    return usage;
  }
}
