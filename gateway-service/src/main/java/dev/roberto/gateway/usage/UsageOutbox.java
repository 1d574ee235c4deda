package dev.roberto.gateway.usage;

import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.EventCodec;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.UsageRecorded;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code usage-recorded} events of a batch of calls into the outbox table with one
 * statement. The rows have the shape that common's {@code Outbox.append} gives them, so the outbox
 * relay sends them like any other event; it writes through the reactive SQL client because the
 * usage rows of the same transaction do.
 */
@ApplicationScoped
public class UsageOutbox {

  private static final String INSERT_EVENTS =
      "INSERT INTO outbox_message (event_id, topic, message_key, event_type, data_schema, payload,"
          + " created_at)"
          + " SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],"
          + " $5::varchar[], $6::text[], $7::timestamptz[])"
          + " ON CONFLICT (event_id) DO NOTHING";

  /** Returns the parameters of the insert, one array element per call. */
  Tuple eventRows(List<UsageRecorder.Usage> usages) {
    int size = usages.size();
    String[] eventIds = new String[size];
    String[] topics = new String[size];
    String[] keys = new String[size];
    String[] types = new String[size];
    String[] dataSchemas = new String[size];
    String[] payloads = new String[size];
    OffsetDateTime[] createdAt = new OffsetDateTime[size];
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < size; i++) {
      UsageRecorded event = toEvent(usages.get(i));
      eventIds[i] = event.eventId();
      topics[i] = event.topic();
      keys[i] = event.key();
      types[i] = event.type();
      dataSchemas[i] = CloudEventHeaders.dataSchema(event);
      payloads[i] = EventCodec.toJsonString(event);
      createdAt[i] = now;
    }
    return Tuple.tuple(List.of(eventIds, topics, keys, types, dataSchemas, payloads, createdAt));
  }

  /** Inserts the events on the connection, inside its transaction. */
  Uni<Void> insert(SqlConnection connection, Tuple eventRows) {
    return connection.preparedQuery(INSERT_EVENTS).execute(eventRows).replaceWithVoid();
  }

  private static UsageRecorded toEvent(UsageRecorder.Usage usage) {
    UsageRecorder.Call call = usage.call();
    return new UsageRecorded(
        SchemaVersion.CURRENT,
        call.requestId(),
        call.workspaceId(),
        call.agentId(),
        UsageRecorder.SOURCE,
        call.provider(),
        call.model(),
        usage.inputTokens(),
        usage.outputTokens(),
        usage.cachedTokens(),
        usage.costMicros(),
        call.latencyMillis(),
        usage.estimated(),
        usage.recordedAt(),
        Map.of("outcome", call.outcome()));
  }
}
