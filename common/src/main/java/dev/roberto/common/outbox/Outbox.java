package dev.roberto.common.outbox;

import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.EventCodec;
import dev.roberto.events.RobertoEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Writes events into the outbox table of the service's database. Call {@link #append} inside the
 * transaction of the state change, so that the event exists exactly when the change does; {@link
 * OutboxRelay} sends it to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

  /** Adds the event to the current transaction. */
  public Uni<OutboxMessage> append(RobertoEvent event) {
    OutboxMessage message = new OutboxMessage();
    message.eventId = event.eventId();
    message.topic = event.topic();
    message.messageKey = event.key();
    message.eventType = event.type();
    message.dataSchema = CloudEventHeaders.dataSchema(event);
    message.payload = EventCodec.toJsonString(event);
    message.createdAt = Instant.now();
    return message.persist();
  }
}
