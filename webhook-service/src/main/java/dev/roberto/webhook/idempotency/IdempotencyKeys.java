package dev.roberto.webhook.idempotency;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.webhook.config.WebhookConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Claims idempotency keys inside the transaction that stores the delivery.
 *
 * <p>The claim takes a PostgreSQL transaction-level advisory lock on the agent and key, without
 * waiting. While one replica's transaction has it, a retry on any replica fails to take it and gets
 * 409 {@code idempotency_key_in_use}. Once that transaction commits, the lock is released and the
 * retry finds the stored record. If it rolled back, nothing was stored, so the retry counts as the
 * first delivery. The primary key on (agent, key) is the last guard against a double insert.
 */
@ApplicationScoped
public class IdempotencyKeys {

  public static final String HEADER = "x-idempotency-key";
  public static final String REPLAYED_HEADER = "x-idempotency-replayed";
  public static final int MAX_KEY_LENGTH = 255;

  static final String KEY_IN_USE = "idempotency_key_in_use";
  static final String KEY_REUSED = "idempotency_key_reused";
  static final String INVALID_KEY = "invalid_idempotency_key";

  // The statement returns one row when it took the lock and none when another transaction holds it.
  // It runs through executeUpdate, which returns that row count, because each native select of
  // Hibernate Reactive 3.2 added an entry to the query plan cache that every later lookup compared.
  // NOTE: the lock id is a 64-bit hash of agent and key, so two different keys can share a lock.
  // Such a collision costs one spurious 409, which the sender retries.
  private static final String TRY_LOCK =
      "SELECT 1 WHERE pg_try_advisory_xact_lock(hashtextextended(:lockName, 0))";

  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

  private final WebhookConfig config;

  public IdempotencyKeys(WebhookConfig config) {
    this.config = config;
  }

  /** Rejects a key that is empty, longer than 255 characters or not printable ASCII. */
  public static void validate(String key) {
    if (key == null) {
      return;
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !PRINTABLE_ASCII.matcher(key).matches()) {
      throw new ProblemException(
          400,
          INVALID_KEY,
          "Invalid idempotency key",
          "The x-idempotency-key header must be 1 to 255 printable ASCII characters without"
              + " spaces.",
          "Use a UUID per delivery, and send the same value again when you retry it.");
    }
  }

  /**
   * Claims the key in the current transaction. Returns the stored record when the delivery was
   * already accepted with the same body, or empty when this delivery is the first and must be
   * stored with {@link #remember} in the same transaction.
   */
  public Uni<Optional<IdempotencyRecord>> claim(String agentId, String key, String bodySha256) {
    IdempotencyRecord.Key id = new IdempotencyRecord.Key(agentId, key);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(TRY_LOCK)
                    .setParameter("lockName", agentId + "\n" + key)
                    .executeUpdate())
        .chain(
            locked -> {
              if (locked != 1) {
                throw inUse(key);
              }
              return IdempotencyRecord.<IdempotencyRecord>findById(id);
            })
        .chain(held -> decide(held, key, bodySha256));
  }

  /** Stores the first response under the key, in the transaction that claimed it. */
  public Uni<IdempotencyRecord> remember(
      String agentId, String key, String bodySha256, int status, String body, String eventId) {
    IdempotencyRecord row = new IdempotencyRecord();
    row.id = new IdempotencyRecord.Key(agentId, key);
    row.bodySha256 = bodySha256;
    row.responseStatus = status;
    row.responseBody = body;
    row.eventId = eventId;
    row.createdAt = Instant.now();
    return row.persist();
  }

  @Scheduled(
      identity = "idempotency-purge",
      every = "${roberto.webhook.idempotency.purge-interval:1h}",
      delayed = "1m")
  Uni<Void> purgeExpired() {
    Instant cutoff = Instant.now().minus(config.idempotency().retention());
    return Panache.withTransaction(() -> IdempotencyRecord.delete("createdAt < ?1", cutoff))
        .invoke(count -> Log.debugf("Purged %d expired idempotency records", count))
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf("Purging idempotency records failed, will retry: %s", failure.getMessage());
              return 0L;
            })
        .replaceWithVoid();
  }

  private Uni<Optional<IdempotencyRecord>> decide(
      IdempotencyRecord held, String key, String bodySha256) {
    if (held == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    if (held.createdAt.isBefore(Instant.now().minus(config.idempotency().retention()))) {
      // Expired but not purged yet: the key is free again, as it will be after the purge.
      return held.delete().chain(Panache::flush).replaceWith(Optional.empty());
    }
    if (!held.bodySha256.equals(bodySha256)) {
      throw reused(key);
    }
    return Uni.createFrom().item(Optional.of(held));
  }

  private static ProblemException inUse(String key) {
    return new ProblemException(
        409,
        KEY_IN_USE,
        "Idempotency key in use",
        "A delivery with idempotency key " + key + " is still being processed.",
        "Retry after a moment; the retry gets the first delivery's answer.");
  }

  private static ProblemException reused(String key) {
    return new ProblemException(
        422,
        KEY_REUSED,
        "Idempotency key reused",
        "Idempotency key " + key + " was already used for a delivery with a different body.",
        "Use a new idempotency key for each new delivery, and the same key only for retries"
            + " with the identical body.");
  }
}
