package dev.roberto.common.outbox;

import dev.roberto.events.CloudEventHeaders;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends outbox rows to Kafka and marks them published once the broker acknowledged them.
 *
 * <p>A run starts {@code roberto.outbox.relay-linger} (20 ms) after a commit that inserted outbox
 * rows ({@link OutboxCommitListener}), so that the commits of that time are sent in one run. A
 * scheduled sweep starts one every second as well, for rows that a failed send or another replica
 * left behind. Only one run is active at a time. A wake-up during a run starts another run once it
 * ends, so no committed row waits for the sweep.
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

  private static final String MARK_PUBLISHED =
      "update OutboxMessage set publishedAt = :now where id in :ids";
  private static final String COUNT_FAILED_ATTEMPT =
      "update OutboxMessage set attempts = attempts + 1 where id in :ids";

  private final MutinyEmitter<String> emitter;
  private final String source;
  private final Duration retention;
  private final Duration linger;
  private final Vertx vertx;
  private final WhileRunning whileRunning;

  /** True while a run is active; a wake-up then only sets {@link #requested}. */
  private final AtomicBoolean active = new AtomicBoolean();

  /** True when rows may have been committed since the active run locked its last batch. */
  private final AtomicBoolean requested = new AtomicBoolean();

  public OutboxRelay(
      @Channel(CHANNEL) MutinyEmitter<String> emitter,
      @ConfigProperty(name = "quarkus.application.name") String applicationName,
      @ConfigProperty(name = "roberto.outbox.retention", defaultValue = "P2D") Duration retention,
      @ConfigProperty(name = "roberto.outbox.relay-linger", defaultValue = "20ms") Duration linger,
      Vertx vertx,
      WhileRunning whileRunning) {
    this.emitter = emitter;
    this.source = "/roberto/" + applicationName;
    this.retention = retention;
    this.linger = linger;
    this.vertx = vertx;
    this.whileRunning = whileRunning;
  }

  void onStart(@Observes StartupEvent event) {
    OutboxCommitListener.onCommit(this::wakeUp);
  }

  void onShutdown(@Observes ShutdownEvent event) {
    OutboxCommitListener.onCommit(null);
  }

  /**
   * Starts a run after the linger time, or right after the active one. Returns at once, so it is
   * safe to call on an event loop, from the commit of a request's transaction.
   */
  public void wakeUp() {
    if (!whileRunning.isRunning()) {
      return;
    }
    requested.set(true);
    if (!active.compareAndSet(false, true)) {
      return;
    }
    if (linger.isZero()) {
      startRun();
    } else {
      vertx.setTimer(linger.toMillis(), timer -> startRun());
    }
  }

  /**
   * Runs the relay on a new duplicated context; wake-ups until now are covered by this run. The
   * context is always new: a wake-up from a request's commit runs on the request's duplicated
   * context, and a relay run there would share the request's Hibernate Reactive session.
   */
  private void startRun() {
    requested.set(false);
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            relayPending()
                .subscribe()
                .with(
                    done -> runAgainIfRequested(),
                    failure -> {
                      Log.warnf("Outbox relay run failed, will retry: %s", failure.getMessage());
                      runAgainIfRequested();
                    }));
  }

  private void runAgainIfRequested() {
    active.set(false);
    if (requested.get()) {
      wakeUp();
    }
  }

  // NOTE: Quarkus' simple scheduler checks its triggers once a second, so an interval below 1s
  // runs at 1s. The sweep only matters for rows that no commit wake-up covered.
  @Scheduled(
      identity = "outbox-relay",
      every = "${roberto.outbox.relay-interval:1s}",
      delayed = "${roberto.outbox.relay-delay:1s}",
      skipExecutionIf = WhileRunning.class)
  void sweep() {
    wakeUp();
  }

  /** Relays batches until one comes back short, and logs instead of failing. */
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
        .chain(results -> markResults(batch, results));
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

  /** Marks the sent rows published and counts an attempt on the others, in two statements. */
  private Uni<Integer> markResults(List<OutboxMessage> batch, List<Boolean> results) {
    List<Long> sent = new ArrayList<>(batch.size());
    List<Long> failed = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      (results.get(i) ? sent : failed).add(batch.get(i).id);
    }
    Instant now = Instant.now();
    Uni<Integer> published =
        sent.isEmpty()
            ? Uni.createFrom().item(0)
            : OutboxMessage.update(MARK_PUBLISHED, Parameters.with("now", now).and("ids", sent));
    return published.call(
        () ->
            failed.isEmpty()
                ? Uni.createFrom().voidItem()
                : OutboxMessage.update(COUNT_FAILED_ATTEMPT, Parameters.with("ids", failed)));
  }

  private Uni<Void> logRelayFailure(Throwable failure) {
    Log.warnf("Outbox relay run failed, will retry: %s", failure.getMessage());
    return Uni.createFrom().voidItem();
  }
}
