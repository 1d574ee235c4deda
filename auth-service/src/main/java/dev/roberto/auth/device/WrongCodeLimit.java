package dev.roberto.auth.device;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Limits wrong user codes per browser session and per client address, in PostgreSQL so that the
 * limit applies across replicas.
 *
 * <p>Each entry first takes an attempt atomically ({@link #tryAttempt}) and gives it back when the
 * code turned out right ({@link #refund}). Parallel guesses therefore cannot slip past the limit
 * between a check and a write.
 */
@ApplicationScoped
public class WrongCodeLimit {

  private static final String TAKE =
      "INSERT INTO user_code_failure AS f (limit_key, window_started_at, failures)"
          + " VALUES (:key, now(), 1)"
          + " ON CONFLICT (limit_key) DO UPDATE SET"
          + " failures = CASE WHEN f.window_started_at <= now() - :windowSeconds * INTERVAL '1 second'"
          + "   THEN 1 ELSE f.failures + 1 END,"
          + " window_started_at = CASE"
          + "   WHEN f.window_started_at <= now() - :windowSeconds * INTERVAL '1 second'"
          + "   THEN now() ELSE f.window_started_at END"
          + " RETURNING failures";

  private static final String REFUND =
      "UPDATE user_code_failure SET failures = greatest(failures - 1, 0) WHERE limit_key = :key";

  private final DeviceConfig.WrongCodes limits;

  public WrongCodeLimit(DeviceConfig config) {
    this.limits = config.wrongCodes();
  }

  /**
   * Counts one entry against both keys and returns false when either is over its limit for the
   * current window.
   */
  public Uni<Boolean> tryAttempt(String sessionKey, String address) {
    return take("session:" + sessionKey)
        .chain(
            sessionCount ->
                take("address:" + address)
                    .map(
                        addressCount ->
                            sessionCount <= limits.perSession()
                                && addressCount <= limits.perAddress()));
  }

  /** Gives back the attempt of an entry whose code was right. */
  public Uni<Void> refund(String sessionKey, String address) {
    return update("session:" + sessionKey).chain(() -> update("address:" + address));
  }

  /** Minutes until a blocked person may try again, at most. */
  public long windowMinutes() {
    return Math.max(1, limits.window().toMinutes());
  }

  private Uni<Integer> take(String key) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(TAKE, Integer.class)
                    .setParameter("key", key)
                    .setParameter("windowSeconds", limits.window().toSeconds())
                    .getSingleResult());
  }

  private Uni<Void> update(String key) {
    return Panache.getSession()
        .chain(
            session -> session.createNativeQuery(REFUND).setParameter("key", key).executeUpdate())
        .replaceWithVoid();
  }
}
