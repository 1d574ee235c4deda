package dev.roberto.common.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers which events a consumer has applied, so that a redelivered event changes nothing twice.
 * Call {@link #claim} in the same transaction as the event's effect: if the transaction rolls back,
 * the claim goes with it and the redelivery applies the event.
 */
@ApplicationScoped
public class ProcessedEvents {

  private static final String CLAIM =
      "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :eventId, now())"
          + " ON CONFLICT DO NOTHING";

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
}
