package dev.roberto.webhook.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.common.outbox.Outbox;
import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.UsageRecorded;
import dev.roberto.webhook.agent.Agents;
import dev.roberto.webhook.idempotency.IdempotencyKeys;
import dev.roberto.webhook.idempotency.IdempotencyRecord;
import dev.roberto.webhook.signature.SignatureVerifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts a usage delivery: finds the agent, checks the signature, validates the body, and stores
 * the usage, its {@code usage-recorded} outbox row and the idempotency record. All of it runs in
 * one session and one transaction, so a delivery takes one pooled connection once.
 */
@ApplicationScoped
public class UsageIntake {

  static final String SOURCE = "webhook";
  static final int ACCEPTED = 202;

  private final Agents agents;
  private final SignatureVerifier signatures;
  private final UsageReportParser parser;
  private final IdempotencyKeys idempotencyKeys;
  private final Outbox outbox;
  private final ObjectMapper json;

  public UsageIntake(
      Agents agents,
      SignatureVerifier signatures,
      UsageReportParser parser,
      IdempotencyKeys idempotencyKeys,
      Outbox outbox,
      ObjectMapper json) {
    this.agents = agents;
    this.signatures = signatures;
    this.parser = parser;
    this.idempotencyKeys = idempotencyKeys;
    this.outbox = outbox;
    this.json = json;
  }

  /** The response to a delivery: its status, JSON body and event id, and whether it is a replay. */
  public record Outcome(int status, String body, String eventId, boolean replayed) {}

  /** Accepts the delivery, or fails with a problem that names what the sender must fix. */
  public Uni<Outcome> accept(
      String agentId, byte[] body, String signatureHeader, String idempotencyKey) {
    IdempotencyKeys.validate(idempotencyKey);
    return Panache.withTransaction(
        () ->
            agents
                .requireLive(agentId)
                .call(agent -> signatures.verify(agent, signatureHeader, body))
                .chain(agent -> store(agent, parser.parse(body), body, idempotencyKey)));
  }

  private Uni<Outcome> store(KnownAgent agent, UsageReport report, byte[] body, String key) {
    if (key == null) {
      return record(agent, report, null);
    }
    String bodySha256 = sha256(body);
    return idempotencyKeys
        .claim(agent.agentId, key, bodySha256)
        .chain(held -> firstOrReplay(held, agent, report, key, bodySha256));
  }

  private Uni<Outcome> firstOrReplay(
      Optional<IdempotencyRecord> held,
      KnownAgent agent,
      UsageReport report,
      String key,
      String bodySha256) {
    if (held.isPresent()) {
      IdempotencyRecord first = held.get();
      Log.debugf("Replayed delivery %s of agent %s for a retry", first.eventId, agent.agentId);
      return Uni.createFrom()
          .item(new Outcome(first.responseStatus, first.responseBody, first.eventId, true));
    }
    return record(agent, report, key)
        .call(
            outcome ->
                idempotencyKeys.remember(
                    agent.agentId,
                    key,
                    bodySha256,
                    outcome.status(),
                    outcome.body(),
                    outcome.eventId()));
  }

  private Uni<Outcome> record(KnownAgent agent, UsageReport report, String key) {
    UsageRecord row = toRow(agent, report, key);
    UsageRecorded event = toEvent(row, report);
    String answer =
        write(new UsageAccepted(row.eventId, row.agentId, row.workspaceId, row.receivedAt));
    return row.persist()
        .chain(() -> outbox.append(event))
        .invoke(
            () ->
                Log.debugf(
                    "Accepted usage %s of agent %s in workspace %s",
                    row.eventId, row.agentId, row.workspaceId))
        .replaceWith(new Outcome(ACCEPTED, answer, row.eventId, false));
  }

  private UsageRecord toRow(KnownAgent agent, UsageReport report, String key) {
    UsageRecord row = new UsageRecord();
    row.eventId = UUID.randomUUID().toString();
    row.agentId = agent.agentId;
    row.workspaceId = agent.workspaceId;
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

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
