package dev.roberto.webhook.usage;

import dev.roberto.common.db.BatchQueue;
import dev.roberto.common.db.DatabaseOutage;
import dev.roberto.common.outbox.OutboxRelay;
import dev.roberto.webhook.config.WebhookConfig;
import dev.roberto.webhook.idempotency.IdempotencyKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores accepted deliveries through the reactive SQL client: each usage row, its {@code
 * usage-recorded} outbox row and, for a delivery with an idempotency key, the idempotency record.
 *
 * <p>Deliveries wait in a queue and one writer stores them in batches of up to {@value #MAX_BATCH},
 * one transaction per batch, so under load many deliveries share one commit. Under light load a
 * batch contains one delivery. Each delivery still gets its own result: stored, the response held
 * under its key, or 409 {@code idempotency_key_in_use}.
 *
 * <p>The transaction first takes a PostgreSQL transaction-level advisory lock on agent and key for
 * each keyed delivery, without waiting. While one replica's transaction has it, a retry on any
 * replica fails to take it and gets 409. Once that transaction commits, the lock is released and
 * the retry finds the stored record. If it rolled back, nothing was stored, so the retry counts as
 * the first delivery. The primary key on (agent, key) is the last guard against a double insert.
 */
@ApplicationScoped
public class UsageStore {

  /** Largest number of deliveries written in one transaction. */
  static final int MAX_BATCH = 200;

  // Returns one lock result per name, in the order of the array.
  // NOTE: the lock id is a 64-bit hash of agent and key, so two different keys can share a lock.
  // Across transactions such a collision costs one spurious 409, which the sender retries.
  private static final String TRY_LOCKS =
      "SELECT pg_try_advisory_xact_lock(hashtextextended(name, 0))"
          + " FROM unnest($1::text[]) WITH ORDINALITY AS t(name, position) ORDER BY position";

  /**
   * Returns the unexpired idempotency record held under the key of each delivery, and stores every
   * delivery without one. It runs after the locks, so its snapshot includes every earlier commit
   * under those keys. An expired record that the purge has not deleted yet is replaced, as if it
   * were gone. Parameter $23 is the expiry cutoff.
   */
  private static final String STORE =
      "WITH input AS (SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[],"
          + " $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::varchar[],"
          + " $10::varchar[], $11::timestamptz[], $12::text[], $13::varchar[], $14::timestamptz[],"
          + " $15::varchar[], $16::varchar[], $17::varchar[], $18::varchar[], $19::text[],"
          + " $20::varchar[], $21::int4[], $22::text[])"
          + " AS t(event_id, agent_id, workspace_id, input_tokens, output_tokens, cached_tokens,"
          + " cost_micros, latency_millis, provider, model, occurred_at, metadata,"
          + " idempotency_key, received_at, topic, message_key, event_type, data_schema, payload,"
          + " body_sha256, response_status, response_body)),"
          + " held AS (SELECT i.event_id AS delivery, r.body_sha256, r.response_status,"
          + " r.response_body, r.event_id FROM input i JOIN idempotency_record r"
          + " ON r.agent_id = i.agent_id AND r.idempotency_key = i.idempotency_key"
          + " WHERE r.created_at >= $23::timestamptz),"
          + " fresh AS (SELECT * FROM input WHERE event_id NOT IN (SELECT delivery FROM held)),"
          + " usage AS (INSERT INTO usage_record (event_id, agent_id, workspace_id, input_tokens,"
          + " output_tokens, cached_tokens, cost_micros, latency_millis, provider, model,"
          + " occurred_at, metadata, idempotency_key, received_at)"
          + " SELECT event_id, agent_id, workspace_id, input_tokens, output_tokens, cached_tokens,"
          + " cost_micros, latency_millis, provider, model, occurred_at, metadata,"
          + " idempotency_key, received_at FROM fresh),"
          + " outbox AS (INSERT INTO outbox_message (event_id, topic, message_key, event_type,"
          + " data_schema, payload, created_at)"
          + " SELECT event_id, topic, message_key, event_type, data_schema, payload, received_at"
          + " FROM fresh),"
          + " remembered AS (INSERT INTO idempotency_record (agent_id, idempotency_key,"
          + " body_sha256, response_status, response_body, event_id, created_at)"
          + " SELECT agent_id, idempotency_key, body_sha256, response_status, response_body,"
          + " event_id, received_at FROM fresh WHERE idempotency_key IS NOT NULL"
          + " ON CONFLICT (agent_id, idempotency_key) DO UPDATE SET"
          + " body_sha256 = excluded.body_sha256, response_status = excluded.response_status,"
          + " response_body = excluded.response_body, event_id = excluded.event_id,"
          + " created_at = excluded.created_at)"
          + " SELECT delivery, body_sha256, response_status, response_body, event_id FROM held";

  private final Pool pool;
  private final OutboxRelay relay;
  private final WebhookConfig config;
  private final BatchQueue<Pending> queue =
      new BatchQueue<>("usage deliveries", MAX_BATCH, this::writeOrSplit);

  public UsageStore(Pool pool, OutboxRelay relay, WebhookConfig config) {
    this.pool = pool;
    this.relay = relay;
    this.config = config;
  }

  /**
   * The response stored under an idempotency key, with the SHA-256 of the body it was stored for.
   */
  public record Stored(String bodySha256, int status, String body, String eventId) {}

  /**
   * A delivery ready to store: its usage row, its outbox event, and for a delivery with a key the
   * body's SHA-256 and the response to keep under the key.
   */
  public record Delivery(
      UsageRecord usage,
      String topic,
      String messageKey,
      String eventType,
      String dataSchema,
      String payload,
      String bodySha256,
      int responseStatus,
      String responseBody) {}

  private record Pending(Delivery delivery, UniEmitter<? super Optional<Stored>> emitter) {}

  /**
   * Stores the delivery, unless an unexpired record is stored under its key: then it stores nothing
   * and returns that record. Fails with 409 {@code idempotency_key_in_use} while another delivery
   * with the same key is being stored.
   */
  public Uni<Optional<Stored>> store(Delivery delivery) {
    return Uni.createFrom().emitter(emitter -> queue.add(new Pending(delivery, emitter)));
  }

  /**
   * Writes the batch. When a batch of several deliveries fails for another reason than a database
   * outage, each delivery is written again on its own, so one bad delivery fails only itself.
   */
  private Uni<Void> writeOrSplit(List<Pending> batch) {
    return write(batch)
        .onFailure(failure -> batch.size() > 1 && !DatabaseOutage.isCause(failure))
        .recoverWithUni(
            failure -> {
              Log.warnf(
                  "Storing a batch of %d usage deliveries failed, storing each on its own: %s",
                  batch.size(), failure.getMessage());
              return Multi.createFrom()
                  .iterable(batch)
                  .onItem()
                  .transformToUniAndConcatenate(pending -> write(List.of(pending)))
                  .collect()
                  .last()
                  .replaceWithVoid();
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              // Reached only for a batch that failed as a whole: complete every delivery in it.
              for (Pending pending : batch) {
                pending.emitter().fail(failure);
              }
              return null;
            });
  }

  /**
   * Writes the batch in one transaction and completes each delivery's result. When a
   * single-delivery batch fails, its delivery is completed with the failure, so this returns a
   * failure only for a batch of several deliveries.
   */
  private Uni<Void> write(List<Pending> batch) {
    Map<Pending, Boolean> claimed = new IdentityHashMap<>();
    List<Pending> keyed = distinctKeys(batch, claimed);
    Instant cutoff = Instant.now().minus(config.idempotency().retention());
    return pool.withTransaction(
            connection ->
                lock(connection, keyed, claimed)
                    .chain(
                        () -> {
                          List<Pending> storable = new ArrayList<>(batch.size());
                          for (Pending pending : batch) {
                            if (claimed.getOrDefault(pending, true)) {
                              storable.add(pending);
                            }
                          }
                          if (storable.isEmpty()) {
                            return Uni.createFrom().item(Map.<String, Stored>of());
                          }
                          return connection
                              .preparedQuery(STORE)
                              .execute(rows(storable, cutoff))
                              .map(UsageStore::heldByDelivery);
                        }))
        .invoke(held -> complete(batch, claimed, held))
        .onFailure(failure -> batch.size() == 1)
        .recoverWithItem(
            failure -> {
              batch.get(0).emitter().fail(failure);
              return null;
            })
        .replaceWithVoid();
  }

  /**
   * Returns the keyed deliveries that take a lock. A second delivery with the same agent and key in
   * the batch is marked unclaimed at once, as a retry while the first is in flight.
   */
  private static List<Pending> distinctKeys(List<Pending> batch, Map<Pending, Boolean> claimed) {
    List<Pending> keyed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Pending pending : batch) {
      UsageRecord row = pending.delivery().usage();
      if (row.idempotencyKey == null) {
        continue;
      }
      if (names.add(lockName(row))) {
        keyed.add(pending);
      } else {
        claimed.put(pending, false);
      }
    }
    return keyed;
  }

  private static Uni<Void> lock(
      SqlConnection connection, List<Pending> keyed, Map<Pending, Boolean> claimed) {
    if (keyed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String[] names = new String[keyed.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = lockName(keyed.get(i).delivery().usage());
    }
    return connection
        .preparedQuery(TRY_LOCKS)
        .execute(Tuple.of(names))
        .invoke(
            rows -> {
              int i = 0;
              for (Row row : rows) {
                claimed.put(keyed.get(i++), row.getBoolean(0));
              }
            })
        .replaceWithVoid();
  }

  private void complete(
      List<Pending> batch, Map<Pending, Boolean> claimed, Map<String, Stored> held) {
    boolean stored = false;
    for (Pending pending : batch) {
      UsageRecord row = pending.delivery().usage();
      if (!claimed.getOrDefault(pending, true)) {
        pending.emitter().fail(IdempotencyKeys.inUse(row.idempotencyKey));
        continue;
      }
      Stored first = held.get(row.eventId);
      stored |= first == null;
      pending.emitter().complete(Optional.ofNullable(first));
    }
    if (stored) {
      relay.wakeUp();
    }
  }

  private static Map<String, Stored> heldByDelivery(RowSet<Row> rows) {
    Map<String, Stored> held = new HashMap<>();
    for (Row row : rows) {
      held.put(
          row.getString(0),
          new Stored(row.getString(1), row.getInteger(2), row.getString(3), row.getString(4)));
    }
    return held;
  }

  private static String lockName(UsageRecord row) {
    return row.agentId + "\n" + row.idempotencyKey;
  }

  private static Tuple rows(List<Pending> batch, Instant cutoff) {
    int size = batch.size();
    String[] eventIds = new String[size];
    String[] agentIds = new String[size];
    String[] workspaceIds = new String[size];
    Long[] inputTokens = new Long[size];
    Long[] outputTokens = new Long[size];
    Long[] cachedTokens = new Long[size];
    Long[] costs = new Long[size];
    Long[] latencies = new Long[size];
    String[] providers = new String[size];
    String[] models = new String[size];
    OffsetDateTime[] occurredAt = new OffsetDateTime[size];
    String[] metadata = new String[size];
    String[] keys = new String[size];
    OffsetDateTime[] receivedAt = new OffsetDateTime[size];
    String[] topics = new String[size];
    String[] messageKeys = new String[size];
    String[] eventTypes = new String[size];
    String[] dataSchemas = new String[size];
    String[] payloads = new String[size];
    String[] bodyHashes = new String[size];
    Integer[] statuses = new Integer[size];
    String[] responses = new String[size];
    for (int i = 0; i < size; i++) {
      Delivery delivery = batch.get(i).delivery();
      UsageRecord row = delivery.usage();
      eventIds[i] = row.eventId;
      agentIds[i] = row.agentId;
      workspaceIds[i] = row.workspaceId;
      inputTokens[i] = row.inputTokens;
      outputTokens[i] = row.outputTokens;
      cachedTokens[i] = row.cachedTokens;
      costs[i] = row.costMicros;
      latencies[i] = row.latencyMillis;
      providers[i] = row.provider;
      models[i] = row.model;
      occurredAt[i] = utc(row.occurredAt);
      metadata[i] = row.metadata;
      keys[i] = row.idempotencyKey;
      receivedAt[i] = utc(row.receivedAt);
      topics[i] = delivery.topic();
      messageKeys[i] = delivery.messageKey();
      eventTypes[i] = delivery.eventType();
      dataSchemas[i] = delivery.dataSchema();
      payloads[i] = delivery.payload();
      bodyHashes[i] = delivery.bodySha256();
      statuses[i] = delivery.responseStatus();
      responses[i] = delivery.responseBody();
    }
    return Tuple.tuple(
        List.of(
            eventIds,
            agentIds,
            workspaceIds,
            inputTokens,
            outputTokens,
            cachedTokens,
            costs,
            latencies,
            providers,
            models,
            occurredAt,
            metadata,
            keys,
            receivedAt,
            topics,
            messageKeys,
            eventTypes,
            dataSchemas,
            payloads,
            bodyHashes,
            statuses,
            responses,
            utc(cutoff)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
