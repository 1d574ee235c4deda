package dev.roberto.webhook.usage;

import dev.roberto.webhook.idempotency.IdempotencyKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Stores an accepted delivery through the reactive SQL client: the usage row, its {@code
 * usage-recorded} outbox row and, for a delivery with an idempotency key, the idempotency record.
 *
 * <p>A delivery with a key runs in one transaction that first takes a PostgreSQL transaction-level
 * advisory lock on the agent and key, without waiting. While one replica's transaction has it, a
 * retry on any replica fails to take it and gets 409 {@code idempotency_key_in_use}. Once that
 * transaction commits, the lock is released and the retry finds the stored record. If it rolled
 * back, nothing was stored, so the retry counts as the first delivery. The primary key on (agent,
 * key) is the last guard against a double insert.
 */
@ApplicationScoped
public class UsageStore {

  // NOTE: the lock id is a 64-bit hash of agent and key, so two different keys can share a lock.
  // Such a collision costs one spurious 409, which the sender retries.
  private static final String TRY_LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))";

  private static final String USAGE_COLUMNS =
      "INSERT INTO usage_record (event_id, agent_id, workspace_id, input_tokens, output_tokens,"
          + " cached_tokens, cost_micros, latency_millis, provider, model, occurred_at, metadata,"
          + " idempotency_key, received_at)";

  private static final String OUTBOX_COLUMNS =
      "INSERT INTO outbox_message (event_id, topic, message_key, event_type, data_schema, payload,"
          + " created_at)";

  /** Parameters $1 to $20, shared by both statements. */
  private static final String USAGE_VALUES =
      " SELECT $1::varchar, $2::varchar, $3::varchar, $4::int8, $5::int8, $6::int8, $7::int8,"
          + " $8::int8, $9::varchar, $10::varchar, $11::timestamptz, $12::text, $13::varchar,"
          + " $14::timestamptz";

  private static final String OUTBOX_VALUES =
      " SELECT $1::varchar, $15::varchar, $16::varchar, $17::varchar, $18::varchar, $19::text,"
          + " $14::timestamptz";

  /** Stores a delivery without a key: both inserts in one statement, so in one transaction. */
  private static final String INSERT_UNKEYED =
      "WITH usage AS (" + USAGE_COLUMNS + USAGE_VALUES + ") " + OUTBOX_COLUMNS + OUTBOX_VALUES;

  /**
   * Returns the unexpired idempotency record of the agent and key, or stores the delivery when
   * there is none. It runs after the lock, so its snapshot includes every earlier commit under that
   * key. An expired record that the purge has not deleted yet is replaced, as if it were gone.
   * Parameters: $20 body SHA-256, $21 response status, $22 response body, $23 the expiry cutoff.
   */
  private static final String STORE_KEYED =
      "WITH held AS (SELECT body_sha256, response_status, response_body, event_id"
          + " FROM idempotency_record WHERE agent_id = $2 AND idempotency_key = $13"
          + " AND created_at >= $23::timestamptz),"
          + " usage AS ("
          + USAGE_COLUMNS
          + USAGE_VALUES
          + " WHERE NOT EXISTS (SELECT 1 FROM held)),"
          + " outbox AS ("
          + OUTBOX_COLUMNS
          + OUTBOX_VALUES
          + " WHERE NOT EXISTS (SELECT 1 FROM held)),"
          + " remembered AS (INSERT INTO idempotency_record (agent_id, idempotency_key,"
          + " body_sha256, response_status, response_body, event_id, created_at)"
          + " SELECT $2, $13, $20::varchar, $21::int4, $22::text, $1, $14"
          + " WHERE NOT EXISTS (SELECT 1 FROM held)"
          + " ON CONFLICT (agent_id, idempotency_key) DO UPDATE SET"
          + " body_sha256 = excluded.body_sha256, response_status = excluded.response_status,"
          + " response_body = excluded.response_body, event_id = excluded.event_id,"
          + " created_at = excluded.created_at)"
          + " SELECT body_sha256, response_status, response_body, event_id FROM held";

  private final Pool pool;

  public UsageStore(Pool pool) {
    this.pool = pool;
  }

  /** The response stored under an idempotency key, with the hash of the body it answered. */
  public record Stored(String bodySha256, int status, String body, String eventId) {}

  /** A delivery ready to store, with the row values of its usage and its outbox event. */
  public record Delivery(
      UsageRecord usage,
      String topic,
      String messageKey,
      String eventType,
      String dataSchema,
      String payload) {}

  /** Stores a delivery that has no idempotency key. */
  public Uni<Void> store(Delivery delivery) {
    return pool.preparedQuery(INSERT_UNKEYED).execute(values(delivery)).replaceWithVoid();
  }

  /**
   * Stores a delivery with an idempotency key, unless the key holds an unexpired record: then it
   * stores nothing and returns that record. Fails with 409 {@code idempotency_key_in_use} while
   * another transaction holds the key.
   */
  public Uni<Optional<Stored>> storeOnce(
      Delivery delivery, String bodySha256, int status, String answer, Instant cutoff) {
    UsageRecord row = delivery.usage();
    String key = row.idempotencyKey;
    Tuple values =
        values(delivery)
            .addString(bodySha256)
            .addInteger(status)
            .addString(answer)
            .addOffsetDateTime(utc(cutoff));
    return pool.withTransaction(
        connection ->
            lock(connection, row.agentId, key)
                .chain(() -> connection.preparedQuery(STORE_KEYED).execute(values))
                .map(
                    rows -> {
                      RowIterator<Row> held = rows.iterator();
                      if (!held.hasNext()) {
                        return Optional.<Stored>empty();
                      }
                      Row first = held.next();
                      return Optional.of(
                          new Stored(
                              first.getString(0),
                              first.getInteger(1),
                              first.getString(2),
                              first.getString(3)));
                    }));
  }

  private static Uni<Void> lock(SqlConnection connection, String agentId, String key) {
    return connection
        .preparedQuery(TRY_LOCK)
        .execute(Tuple.of(agentId + "\n" + key))
        .invoke(
            rows -> {
              if (!rows.iterator().next().getBoolean(0)) {
                throw IdempotencyKeys.inUse(key);
              }
            })
        .replaceWithVoid();
  }

  private static Tuple values(Delivery delivery) {
    UsageRecord row = delivery.usage();
    return Tuple.tuple()
        .addString(row.eventId)
        .addString(row.agentId)
        .addString(row.workspaceId)
        .addLong(row.inputTokens)
        .addLong(row.outputTokens)
        .addLong(row.cachedTokens)
        .addLong(row.costMicros)
        .addLong(row.latencyMillis)
        .addString(row.provider)
        .addString(row.model)
        .addOffsetDateTime(utc(row.occurredAt))
        .addString(row.metadata)
        .addString(row.idempotencyKey)
        .addOffsetDateTime(utc(row.receivedAt))
        .addString(delivery.topic())
        .addString(delivery.messageKey())
        .addString(delivery.eventType())
        .addString(delivery.dataSchema())
        .addString(delivery.payload());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
