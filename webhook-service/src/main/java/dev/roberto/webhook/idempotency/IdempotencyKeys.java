package dev.roberto.webhook.idempotency;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.webhook.config.WebhookConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Validates idempotency keys, purges expired idempotency records, and builds the problems for a key
 * in use or reused. The usage store claims keys inside the transaction that stores a delivery.
 */
@ApplicationScoped
public class IdempotencyKeys {

  public static final String HEADER = "x-idempotency-key";
  public static final String REPLAYED_HEADER = "x-idempotency-replayed";
  public static final int MAX_KEY_LENGTH = 255;

  static final String KEY_IN_USE = "idempotency_key_in_use";
  static final String KEY_REUSED = "idempotency_key_reused";
  static final String INVALID_KEY = "invalid_idempotency_key";

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

  /** Returns the 409 problem for a key whose first delivery is still being stored. */
  public static ProblemException inUse(String key) {
    return new ProblemException(
        409,
        KEY_IN_USE,
        "Idempotency key in use",
        "A delivery with idempotency key " + key + " is still being processed.",
        "Retry after a moment; the retry gets the first delivery's answer.");
  }

  /** Returns the 422 problem for a key that came back with a different body. */
  public static ProblemException reused(String key) {
    return new ProblemException(
        422,
        KEY_REUSED,
        "Idempotency key reused",
        "Idempotency key " + key + " was already used for a delivery with a different body.",
        "Use a new idempotency key for each new delivery, and the same key only for retries"
            + " with the identical body.");
  }
}
