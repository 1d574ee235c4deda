package dev.roberto.common.outbox;

import dev.roberto.events.CloudEventHeaders;
import io.quarkus.logging.Log;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * <p>The relay reads and marks its rows through the reactive SQL client, without Hibernate: it
 * needs no entities, and their loading and flushing cost each run more than its statements.
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
      "SELECT id, event_id, topic, message_key, event_type, data_schema, payload, created_at"
          + " FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT $1"
          + " FOR UPDATE SKIP LOCKED";

  private static final String MARK_PUBLISHED =
      "UPDATE outbox_message SET published_at = now() WHERE id = ANY($1)";
  private static final String COUNT_FAILED_ATTEMPT =
      "UPDATE outbox_message SET attempts = attempts + 1 WHERE id = ANY($1)";
  private static final String PURGE_PUBLISHED =
      "DELETE FROM outbox_message WHERE published_at < $1";

  private final MutinyEmitter<String> emitter;
  private final String source;
  private final Duration retention;
  private final Duration linger;
  private final Vertx vertx;
  private final WhileRunning whileRunning;
  private final Pool pool;

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
      WhileRunning whileRunning,
      Pool pool) {
    this.emitter = emitter;
    this.source = "/roberto/" + applicationName;
    this.retention = retention;
    this.linger = linger;
    this.vertx = vertx;
    this.whileRunning = whileRunning;
    this.pool = pool;
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
   * context, and a relay run there would share the request's context data, such as its Hibernate
   * Reactive session.
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
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(LOCK_BATCH)
                .execute(Tuple.of(BATCH_SIZE))
                .map(OutboxRelay::pendingRows)
                .chain(batch -> sendAll(connection, batch)));
  }

  private static List<PendingRow> pendingRows(RowSet<Row> rows) {
    List<PendingRow> batch = new ArrayList<>(rows.size());
    for (Row row : rows) {
      batch.add(PendingRow.of(row));
    }
    return batch;
  }

  @Scheduled(
      identity = "outbox-purge",
      every = "1h",
      delayed = "1m",
      skipExecutionIf = WhileRunning.class)
  Uni<Void> purgePublished() {
    OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
    return pool.preparedQuery(PURGE_PUBLISHED)
        .execute(Tuple.of(cutoff))
        .invoke(rows -> Log.debugf("Purged %d published outbox rows", rows.rowCount()))
        .replaceWithVoid();
  }

  private Uni<Integer> sendAll(SqlConnection connection, List<PendingRow> batch) {
    if (batch.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    Context context = Vertx.currentContext();
    List<Uni<Boolean>> sends = batch.stream().map(this::send).toList();
    return Uni.join()
        .all(sends)
        .andFailFast()
        .emitOn(command -> context.runOnContext(ignored -> command.run()))
        .chain(results -> markResults(connection, batch, results));
  }

  private Uni<Boolean> send(PendingRow row) {
    Map<String, byte[]> ceHeaders =
        CloudEventHeaders.of(
            row.eventId(),
            row.eventType(),
            row.messageKey(),
            row.dataSchema(),
            source,
            row.createdAt());
    RecordHeaders headers = new RecordHeaders();
    ceHeaders.forEach(headers::add);
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(row.topic())
            .withKey(row.messageKey())
            .withHeaders(headers)
            .build();
    return emitter
        .sendMessage(Message.of(row.payload()).addMetadata(metadata))
        .replaceWith(Boolean.TRUE)
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf(
                  "Sending outbox event %s to %s failed, will retry: %s",
                  row.eventId(), row.topic(), failure.getMessage());
              return Boolean.FALSE;
            });
  }

  /** Marks the sent rows published and counts an attempt on the others, in two statements. */
  private Uni<Integer> markResults(
      SqlConnection connection, List<PendingRow> batch, List<Boolean> results) {
    List<Long> sent = new ArrayList<>(batch.size());
    List<Long> failed = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      (results.get(i) ? sent : failed).add(batch.get(i).id());
    }
    return update(connection, MARK_PUBLISHED, sent)
        .call(() -> update(connection, COUNT_FAILED_ATTEMPT, failed))
        .replaceWith(sent.size());
  }

  private static Uni<Void> update(SqlConnection connection, String statement, List<Long> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .preparedQuery(statement)
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .replaceWithVoid();
  }

  private Uni<Void> logRelayFailure(Throwable failure) {
    Log.warnf("Outbox relay run failed, will retry: %s", failure.getMessage());
    return Uni.createFrom().voidItem();
  }

  /** An unpublished outbox row, as the relay reads it. */
  private record PendingRow(
      long id,
      String eventId,
      String topic,
      String messageKey,
      String eventType,
      String dataSchema,
      String payload,
      Instant createdAt) {

    static PendingRow of(Row row) {
      return new PendingRow(
          row.getLong("id"),
          row.getString("event_id"),
          row.getString("topic"),
          row.getString("message_key"),
          row.getString("event_type"),
          row.getString("data_schema"),
          row.getString("payload"),
          row.getOffsetDateTime("created_at").toInstant());
    }
  }
}
