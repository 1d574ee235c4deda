package dev.roberto.auth.account;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.crypto.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Limits failed password sign-ins per account (email) and per client address, in PostgreSQL so that
 * the limit applies across replicas.
 *
 * <p>Each sign-in first takes an attempt from the counters atomically ({@link #tryAttempt}) and
 * gives it back when the password was right ({@link #refund}). Parallel guesses therefore cannot
 * slip past the limit between a check and a write. A right password gives back only its own
 * attempt: earlier failures, and the counters of other addresses, stay until their window ends.
 */
@ApplicationScoped
public class PasswordFailureLimit {

  private static final String TAKE =
      "INSERT INTO password_failure AS f (limit_key, window_started_at, failures)"
          + " VALUES (:key, now(), 1)"
          + " ON CONFLICT (limit_key) DO UPDATE SET"
          + " failures = CASE WHEN f.window_started_at <= now() - :windowSeconds * INTERVAL '1 second'"
          + "   THEN 1 ELSE f.failures + 1 END,"
          + " window_started_at = CASE"
          + "   WHEN f.window_started_at <= now() - :windowSeconds * INTERVAL '1 second'"
          + "   THEN now() ELSE f.window_started_at END"
          + " RETURNING failures, CAST(ceil(extract(epoch FROM"
          + "   window_started_at + :windowSeconds * INTERVAL '1 second' - now())) AS BIGINT)";

  private static final String REFUND =
      "UPDATE password_failure SET failures = greatest(failures - 1, 0) WHERE limit_key = :key";

  private static final String PURGE =
      "DELETE FROM password_failure"
          + " WHERE window_started_at <= now() - :windowSeconds * INTERVAL '1 second'";

  private final AuthConfig.PasswordFailures limits;

  public PasswordFailureLimit(AuthConfig config) {
    this.limits = config.passwordFailures();
  }

  /**
   * Counts one sign-in against the address and then the account, in its own transaction. Returns
   * null when both are within their limits, else how long until the blocking window ends. An
   * address over its limit does not count against the account, so that a blocked address cannot use
   * up an account's attempts.
   */
  public Uni<Duration> tryAttempt(String email, String address) {
    return Panache.withTransaction(
        () ->
            take(addressKey(address))
                .chain(
                    addressCount -> {
                      if (addressCount.failures() > limits.perAddress()) {
                        return Uni.createFrom().item(addressCount.windowLeft());
                      }
                      return take(accountKey(email))
                          .map(
                              account ->
                                  account.failures() > limits.perAccount()
                                      ? account.windowLeft()
                                      : null);
                    }));
  }

  /** Gives back the attempt of a sign-in whose password was right, on both counters. */
  public Uni<Void> refund(String email, String address) {
    return Panache.withTransaction(
        () -> update(accountKey(email)).chain(() -> update(addressKey(address))));
  }

  @Scheduled(identity = "password-failure-purge", every = "1h", delayed = "5m")
  Uni<Void> purgeEnded() {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(PURGE)
                                .setParameter("windowSeconds", limits.window().toSeconds())
                                .executeUpdate()))
        .invoke(count -> Log.debugf("Purged %d ended password failure windows", count))
        .replaceWithVoid();
  }

  /** Returns the key of an account: the SHA-256 of its normalized email, so no email is stored. */
  private static String accountKey(String email) {
    return "account:" + Secrets.sha256Hex(AccountService.normalizeEmail(email));
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  /** A counter after taking an attempt: the failures in its window and the time left in it. */
  private record Count(int failures, Duration windowLeft) {}

  private Uni<Count> take(String key) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(TAKE, Object[].class)
                    .setParameter("key", key)
                    .setParameter("windowSeconds", limits.window().toSeconds())
                    .getSingleResult())
        .map(
            row ->
                new Count(
                    ((Number) row[0]).intValue(),
                    Duration.ofSeconds(Math.max(1, ((Number) row[1]).longValue()))));
  }

  private Uni<Void> update(String key) {
    return Panache.getSession()
        .chain(
            session -> session.createNativeQuery(REFUND).setParameter("key", key).executeUpdate())
        .replaceWithVoid();
  }
}
