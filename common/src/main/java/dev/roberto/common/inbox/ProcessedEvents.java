package dev.roberto.common.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Remembers which events a consumer has applied, so that a redelivered event changes nothing twice.
 * Call {@link #claim} in the same transaction as the event's effect: if the transaction rolls back,
 * the claim goes with it and the redelivery applies the event. {@link #claimAll} claims a batch of
 * events in one statement.
 */
@ApplicationScoped
public class ProcessedEvents {

  private static final String CLAIM =
      "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :eventId, now())"
          + " ON CONFLICT DO NOTHING";

  // :eventIds is one varchar[] parameter, so every batch runs the same statement. The claim runs
  // through executeUpdate, because each native select of Hibernate Reactive 3.2 added an entry to
  // the query plan cache that every later lookup compared.
  private static final String CLAIM_ALL =
      "INSERT INTO processed_event (consumer, event_id, processed_at)"
          + " SELECT :consumer, claimed.event_id, now()"
          + " FROM unnest(CAST(:eventIds AS varchar[])) AS claimed(event_id)"
          + " ON CONFLICT DO NOTHING";

  // The rows that the current transaction inserted carry its transaction id in xmin.
  private static final String CLAIMED_HERE =
      "SELECT event_id FROM processed_event WHERE consumer = :consumer"
          + " AND event_id = ANY(CAST(:eventIds AS varchar[]))"
          + " AND xmin = CAST(pg_current_xact_id() AS xid)";

  /**
   * Records the event as applied by the consumer and returns true, or returns false when it was
   * applied before.
   */
  public Uni<Boolean> claim(String consumer, String eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(CLAIM)
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", eventId)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /**
   * Records the events as applied by the consumer and returns the ids that were not applied before.
   * An id that occurs twice in the batch is claimed once.
   */
  public Uni<Set<String>> claimAll(String consumer, Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    String[] distinct = new LinkedHashSet<>(eventIds).toArray(String[]::new);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(CLAIM_ALL)
                    .setParameter("consumer", consumer)
                    .setParameter("eventIds", distinct)
                    .executeUpdate()
                    .chain(
                        inserted ->
                            inserted == distinct.length
                                ? Uni.createFrom().item(Set.of(distinct))
                                : claimedHere(session, consumer, distinct)));
  }

  /** Reads which of the ids this transaction claimed; only needed when some were claimed before. */
  private static Uni<Set<String>> claimedHere(
      Mutiny.Session session, String consumer, String[] eventIds) {
    return session
        .createNativeQuery(CLAIMED_HERE)
        .setParameter("consumer", consumer)
        .setParameter("eventIds", eventIds)
        .getResultList()
        .map(
            claimed -> {
              Set<String> ids = new HashSet<>();
              for (Object id : claimed) {
                ids.add((String) id);
              }
              return ids;
            });
  }
}
