package dev.roberto.auth.web;

import dev.roberto.auth.device.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in sessions of the web app, kept in PostgreSQL so that every replica can read them. The
 * browser keeps a random 256-bit id, and the table stores only its SHA-256.
 */
@ApplicationScoped
public class WebSessions {

  private static final String INSERT =
      "INSERT INTO web_session (id_hash, user_id, email, display_name, created_at, expires_at)"
          + " VALUES (:idHash, :userId, :email, :displayName, now(),"
          + " now() + :lifetimeSeconds * INTERVAL '1 second')";
  private static final String FIND =
      "SELECT CAST(user_id AS text), email, display_name FROM web_session"
          + " WHERE id_hash = :idHash AND expires_at > now()";
  private static final String DELETE = "DELETE FROM web_session WHERE id_hash = :idHash";
  private static final String PURGE = "DELETE FROM web_session WHERE expires_at < now()";

  private final WebConfig config;

  public WebSessions(WebConfig config) {
    this.config = config;
  }

  /** Starts a session for the user and returns the id to put in the browser's cookie. */
  public Uni<String> create(UUID userId, String email, String displayName) {
    String id = Secrets.newSecret();
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(INSERT)
                                .setParameter("idHash", Secrets.sha256(id))
                                .setParameter("userId", userId)
                                .setParameter("email", email)
                                .setParameter("displayName", displayName)
                                .setParameter(
                                    "lifetimeSeconds", config.sessionLifetime().toSeconds())
                                .executeUpdate()))
        .replaceWith(id);
  }

  /** Returns the live session of a cookie value, or empty when it is missing, unknown or over. */
  public Uni<Optional<WebSession>> find(String cookieValue) {
    if (cookieValue == null || cookieValue.isBlank()) {
      return Uni.createFrom().item(Optional.empty());
    }
    String idHash = Secrets.sha256(cookieValue);
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(FIND, Object[].class)
                                .setParameter("idHash", idHash)
                                .getResultList()))
        .map((List<Object[]> rows) -> rows.stream().findFirst().map(row -> toSession(idHash, row)));
  }

  /** Ends the session of a cookie value; an unknown value changes nothing. */
  public Uni<Void> delete(String cookieValue) {
    if (cookieValue == null || cookieValue.isBlank()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(DELETE)
                                .setParameter("idHash", Secrets.sha256(cookieValue))
                                .executeUpdate()))
        .replaceWithVoid();
  }

  @Scheduled(identity = "web-session-purge", every = "1h", delayed = "5m")
  Uni<Void> purgeExpired() {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(session -> session.createNativeQuery(PURGE).executeUpdate()))
        .replaceWithVoid();
  }

  private static WebSession toSession(String idHash, Object[] row) {
    return new WebSession(
        idHash, UUID.fromString((String) row[0]), (String) row[1], (String) row[2]);
  }
}
