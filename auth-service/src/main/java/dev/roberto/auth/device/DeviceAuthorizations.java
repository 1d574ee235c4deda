package dev.roberto.auth.device;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code device_authorization} table. Every change of state is one conditional UPDATE, so that
 * replicas polling or approving the same login at once cannot both win.
 */
@ApplicationScoped
public class DeviceAuthorizations {

  private static final String INSERT =
      "INSERT INTO device_authorization (id, device_code_hash, user_code_hash, client, status,"
          + " interval_seconds, created_at, expires_at)"
          + " VALUES (:id, :deviceCodeHash, :userCodeHash, :client, 'pending', :interval, now(),"
          + " now() + :lifetimeSeconds * INTERVAL '1 second')";

  private static final String FIND_BY_USER_CODE =
      "SELECT CAST(id AS text), client, status, CAST(EXTRACT(EPOCH FROM created_at) * 1000 AS bigint),"
          + " CAST(EXTRACT(EPOCH FROM expires_at) * 1000 AS bigint)"
          + " FROM device_authorization WHERE user_code_hash = :userCodeHash";

  private static final String FIND_BY_ID =
      "SELECT CAST(id AS text), client, status, CAST(EXTRACT(EPOCH FROM created_at) * 1000 AS bigint),"
          + " CAST(EXTRACT(EPOCH FROM expires_at) * 1000 AS bigint)"
          + " FROM device_authorization WHERE id = :id";

  private static final String CLAIM =
      "UPDATE device_authorization SET confirming_session = :sessionKey"
          + " WHERE id = :id AND status = 'pending'";

  private static final String DECIDE =
      "UPDATE device_authorization SET status = :status, user_id = :userId,"
          + " workspace_id = :workspaceId, decided_at = now()"
          + " WHERE id = :id AND status = 'pending' AND expires_at > now()"
          + " AND confirming_session = :sessionKey";

  // Every SET expression reads the row as it was before this UPDATE; a concurrent poll of the same
  // code waits for the row lock and then evaluates against the row that the first poll committed.
  private static final String TOO_FAST =
      "(last_polled_at IS NOT NULL"
          + " AND now() < last_polled_at + interval_seconds * INTERVAL '1 second')";
  private static final String LIVE = "(status IN ('pending', 'approved') AND expires_at > now())";
  private static final String POLL =
      "WITH polled AS (UPDATE device_authorization SET"
          + " last_poll_outcome = CASE"
          + "   WHEN status = 'redeemed' THEN 'invalid_grant'"
          + "   WHEN expires_at <= now() THEN 'expired_token'"
          + "   WHEN status = 'denied' THEN 'access_denied'"
          + "   WHEN "
          + TOO_FAST
          + " THEN 'slow_down'"
          + "   WHEN status = 'approved' THEN 'redeemed'"
          + "   ELSE 'authorization_pending' END,"
          + " interval_seconds = CASE WHEN "
          + LIVE
          + " AND "
          + TOO_FAST
          + " THEN interval_seconds + 5 ELSE interval_seconds END,"
          + " status = CASE WHEN status = 'approved' AND expires_at > now() AND NOT "
          + TOO_FAST
          + " THEN 'redeemed' ELSE status END,"
          + " last_polled_at = GREATEST(coalesce(last_polled_at, now()), now())"
          + " WHERE device_code_hash = :deviceCodeHash"
          + " RETURNING last_poll_outcome, interval_seconds, CAST(user_id AS text),"
          + " CAST(workspace_id AS text), client)"
          + " SELECT * FROM polled";

  private static final String PURGE =
      "DELETE FROM device_authorization WHERE expires_at < now() - INTERVAL '1 day'";

  /** Stores a new pending login; the caller keeps the plain codes. */
  public Uni<Void> insert(
      UUID id,
      String deviceCodeHash,
      String userCodeHash,
      DeviceClient client,
      int intervalSeconds,
      long lifetimeSeconds) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(INSERT)
                    .setParameter("id", id)
                    .setParameter("deviceCodeHash", deviceCodeHash)
                    .setParameter("userCodeHash", userCodeHash)
                    .setParameter("client", client.id())
                    .setParameter("interval", intervalSeconds)
                    .setParameter("lifetimeSeconds", lifetimeSeconds)
                    .executeUpdate())
        .replaceWithVoid();
  }

  public Uni<Optional<DeviceAuthorization>> findByUserCodeHash(String userCodeHash) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(FIND_BY_USER_CODE, Object[].class)
                    .setParameter("userCodeHash", userCodeHash)
                    .getResultList())
        .map(DeviceAuthorizations::first);
  }

  public Uni<Optional<DeviceAuthorization>> findById(UUID id) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(FIND_BY_ID, Object[].class)
                    .setParameter("id", id)
                    .getResultList())
        .map(DeviceAuthorizations::first);
  }

  /**
   * Marks the web session as the one that entered the login's user code, so that only it may
   * decide. A later entry of the same code by another session takes over.
   */
  public Uni<Void> claimForSession(UUID id, String sessionKey) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(CLAIM)
                    .setParameter("sessionKey", sessionKey)
                    .setParameter("id", id)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * Records the person's decision if the login is still pending, unexpired and claimed by the
   * session, and returns whether it did.
   */
  public Uni<Boolean> decide(
      UUID id,
      DeviceAuthorization.Status decision,
      UUID userId,
      UUID workspaceId,
      String sessionKey) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(DECIDE)
                    .setParameter("status", decision.name().toLowerCase(Locale.ROOT))
                    .setParameter("userId", userId)
                    .setParameter("workspaceId", workspaceId)
                    .setParameter("id", id)
                    .setParameter("sessionKey", sessionKey)
                    .executeUpdate())
        .map(updated -> updated == 1);
  }

  /**
   * Records a poll and returns its outcome, or empty for an unknown device code. An approved login
   * turns into {@code redeemed} in this same statement, so only one poll ever finds it approved.
   */
  public Uni<Optional<PollOutcome>> poll(String deviceCodeHash) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(POLL, Object[].class)
                    .setParameter("deviceCodeHash", deviceCodeHash)
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .findFirst()
                    .map(
                        row ->
                            new PollOutcome(
                                (String) row[0],
                                ((Number) row[1]).intValue(),
                                row[2] == null ? null : UUID.fromString((String) row[2]),
                                row[3] == null ? null : UUID.fromString((String) row[3]),
                                DeviceClient.byId((String) row[4]).orElse(DeviceClient.CLI))));
  }

  /** Deletes logins that expired more than a day ago, so their user codes can come back. */
  public Uni<Integer> purgeExpired() {
    return Panache.getSession().chain(session -> session.createNativeQuery(PURGE).executeUpdate());
  }

  private static Optional<DeviceAuthorization> first(List<Object[]> rows) {
    return rows.stream().findFirst().map(DeviceAuthorizations::toAuthorization);
  }

  private static DeviceAuthorization toAuthorization(Object[] row) {
    return new DeviceAuthorization(
        UUID.fromString((String) row[0]),
        DeviceClient.byId((String) row[1]).orElse(DeviceClient.CLI),
        DeviceAuthorization.Status.valueOf(((String) row[2]).toUpperCase(Locale.ROOT)),
        Instant.ofEpochMilli(((Number) row[3]).longValue()),
        Instant.ofEpochMilli(((Number) row[4]).longValue()));
  }

  /**
   * Outcome of one poll: the RFC 8628 result ({@code redeemed} when this poll won the tokens), the
   * interval now required, and for a redeemed login who approved it for which workspace.
   */
  public record PollOutcome(
      String outcome, int intervalSeconds, UUID userId, UUID workspaceId, DeviceClient client) {

    public boolean redeemed() {
      return "redeemed".equals(outcome);
    }
  }
}
