package dev.roberto.webhook.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.common.hash.Sha256;
import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.EventCodec;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.UsageRecorded;
import dev.roberto.webhook.idempotency.IdempotencyKeys;
import dev.roberto.webhook.signature.SignatureVerifier;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Accepts a usage delivery: finds the agent, checks the signature, validates the body, and stores
 * the usage, its {@code usage-recorded} outbox row and the idempotency record.
 *
 * <p>It reads and writes through the reactive SQL client, not Hibernate: one statement reads the
 * agent with its signing secrets, and {@link UsageStore} writes the rows of concurrent deliveries
 * in shared transactions.
 */
@ApplicationScoped
public class UsageIntake {

  static final String SOURCE = "webhook";
  static final int ACCEPTED = 202;

  private final IntakeLookup lookup;
  private final SignatureVerifier signatures;
  private final UsageReportParser parser;
  private final UsageStore store;
  private final ObjectMapper json;

  public UsageIntake(
      IntakeLookup lookup,
      SignatureVerifier signatures,
      UsageReportParser parser,
      UsageStore store,
      ObjectMapper json) {
    this.lookup = lookup;
    this.signatures = signatures;
    this.parser = parser;
    this.store = store;
    this.json = json;
  }

  /** The response to a delivery: its status, JSON body and event id, and whether it is a replay. */
  public record Outcome(int status, String body, String eventId, boolean replayed) {}

  /** Accepts the delivery, or fails with a problem that names what the sender must fix. */
  public Uni<Outcome> accept(
      String agentId, byte[] body, String signatureHeader, String idempotencyKey) {
    IdempotencyKeys.validate(idempotencyKey);
    return lookup
        .requireLive(agentId)
        .chain(
            agent -> {
              signatures.verify(agent, signatureHeader, body);
              return store(agent, parser.parse(body), body, idempotencyKey);
            });
  }

  private Uni<Outcome> store(
      IntakeLookup.Agent agent, UsageReport report, byte[] body, String key) {
    UsageRecord row = toRow(agent, report, key);
    UsageRecorded event = toEvent(row, report);
    String answer =
        write(new UsageAccepted(row.eventId, row.agentId, row.workspaceId, row.receivedAt));
    String bodySha256 = key == null ? null : Sha256.hex(body);
    UsageStore.Delivery delivery =
        new UsageStore.Delivery(
            row,
            event.topic(),
            event.key(),
            event.type(),
            CloudEventHeaders.dataSchema(event),
            EventCodec.toJsonString(event),
            bodySha256,
            ACCEPTED,
            answer);
    return store
        .store(delivery)
        .map(
            held -> {
              if (held.isEmpty()) {
                Log.debugf(
                    "Accepted usage %s of agent %s in workspace %s",
                    row.eventId, row.agentId, row.workspaceId);
                return new Outcome(ACCEPTED, answer, row.eventId, false);
              }
              UsageStore.Stored first = held.get();
              if (!first.bodySha256().equals(bodySha256)) {
                throw IdempotencyKeys.reused(key);
              }
              Log.debugf(
                  "Replayed delivery %s of agent %s for a retry", first.eventId(), agent.agentId());
              return new Outcome(first.status(), first.body(), first.eventId(), true);
            });
  }

  private UsageRecord toRow(IntakeLookup.Agent agent, UsageReport report, String key) {
    UsageRecord row = new UsageRecord();
    row.eventId = UUID.randomUUID().toString();
    row.agentId = agent.agentId();
    row.workspaceId = agent.workspaceId();
    row.inputTokens = report.inputTokens();
    row.outputTokens = report.outputTokens();
    row.cachedTokens = report.cachedTokens();
    row.costMicros = report.costMicros();
    row.latencyMillis = report.latencyMillis();
    row.provider = report.provider();
    row.model = report.model();
    row.occurredAt = report.occurredAt();
    row.metadata = report.metadata().isEmpty() ? null : write(report.metadata());
    row.idempotencyKey = key;
    row.receivedAt = Instant.now();
    return row;
  }

  private static UsageRecorded toEvent(UsageRecord row, UsageReport report) {
    return new UsageRecorded(
        SchemaVersion.CURRENT,
        row.eventId,
        row.workspaceId,
        row.agentId,
        SOURCE,
        row.provider,
        row.model,
        row.inputTokens,
        row.outputTokens,
        row.cachedTokens,
        row.costMicros,
        row.latencyMillis,
        false,
        row.occurredAt,
        report.metadata());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Writing JSON failed", e);
    }
  }
}
