package dev.roberto.common.outbox;

import dev.roberto.events.CloudEventHeaders;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends outbox rows to Kafka and marks them published once the broker acknowledged them.
 *
 * <p>Each run locks a batch with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work without
 * sending a row twice. A row whose send fails stays unpublished and is sent again on a later run,
 * so a Kafka outage delays events and loses none. A crash between the acknowledgement and the
 * commit sends a row again, so consumers still deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

  /** Outgoing channel of the relay; its topic is chosen per message. */
  public static final String CHANNEL = "outbox";

  private static final int BATCH_SIZE = 200;
  private static final String LOCK_BATCH =
      "SELECT * FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT :limit"
          + " FOR UPDATE SKIP LOCKED";

  private final MutinyEmitter<String> emitter;
  private final String source;
  private final Duration retention;

  public OutboxRelay(
      @Channel(CHANNEL) MutinyEmitter<String> emitter,
      @ConfigProperty(name = "quarkus.application.name") String applicationName,
      @ConfigProperty(name = "roberto.outbox.retention", defaultValue = "P2D") Duration retention) {
    this.emitter = emitter;
    this.source = "/roberto/" + applicationName;
    this.retention = retention;
  }

  // NOTE: Quarkus' simple scheduler checks its triggers once a second, so an interval below 1s
  // runs at 1s and an event waits up to about a second before the relay sends it.
  @Scheduled(
      identity = "outbox-relay",
      every = "${roberto.outbox.relay-interval:1s}",
      delayed = "${roberto.outbox.relay-delay:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = WhileRunning.class)
  Uni<Void> relayPending() {
    return Multi.createBy()
        .repeating()
        .uni(this::relayBatch)
        .whilst(published -> published == BATCH_SIZE)
        .collect()
        .last()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(this::logRelayFailure);
  }

  /** Relays one batch and returns how many of its rows Kafka acknowledged. */
  Uni<Integer> relayBatch() {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(LOCK_BATCH, OutboxMessage.class)
                            .setParameter("limit", BATCH_SIZE)
                            .getResultList())
                .chain(this::sendAll));
  }

  @Scheduled(
      identity = "outbox-purge",
      every = "1h",
      delayed = "1m",
      skipExecutionIf = WhileRunning.class)
  Uni<Void> purgePublished() {
    Instant cutoff = Instant.now().minus(retention);
    return Panache.withTransaction(() -> OutboxMessage.delete("publishedAt < ?1", cutoff))
        .invoke(count -> Log.debugf("Purged %d published outbox rows", count))
        .replaceWithVoid();
  }

  private Uni<Integer> sendAll(List<OutboxMessage> batch) {
    if (batch.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    Context context = Vertx.currentContext();
    List<Uni<Boolean>> sends = batch.stream().map(this::send).toList();
    return Uni.join()
        .all(sends)
        .andFailFast()
        .emitOn(command -> context.runOnContext(ignored -> command.run()))
        .map(results -> markResults(batch, results));
  }

  private Uni<Boolean> send(OutboxMessage row) {
    Map<String, byte[]> ceHeaders =
        CloudEventHeaders.of(
            row.eventId, row.eventType, row.messageKey, row.dataSchema, source, row.createdAt);
    RecordHeaders headers = new RecordHeaders();
    ceHeaders.forEach(headers::add);
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(row.topic)
            .withKey(row.messageKey)
            .withHeaders(headers)
            .build();
    return emitter
        .sendMessage(Message.of(row.payload).addMetadata(metadata))
        .replaceWith(Boolean.TRUE)
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf(
                  "Sending outbox event %s to %s failed, will retry: %s",
                  row.eventId, row.topic, failure.getMessage());
              return Boolean.FALSE;
            });
  }

  private int markResults(List<OutboxMessage> batch, List<Boolean> results) {
    Instant now = Instant.now();
    int published = 0;
    for (int i = 0; i < batch.size(); i++) {
      OutboxMessage row = batch.get(i);
      if (results.get(i)) {
        row.publishedAt = now;
        published++;
      } else {
        row.attempts++;
      }
    }
    return published;
  }

  private Uni<Void> logRelayFailure(Throwable failure) {
    Log.warnf("Outbox relay run failed, will retry: %s", failure.getMessage());
    return Uni.createFrom().voidItem();
  }
}
