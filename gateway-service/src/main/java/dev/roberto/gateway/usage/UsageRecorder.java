package dev.roberto.gateway.usage;

import dev.roberto.common.outbox.Outbox;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.UsageRecorded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * Stores the usage of a call and its {@code usage-recorded} event in one transaction; the outbox
 * relay sends the event to Kafka, so a Kafka outage delays it and never loses it.
 */
@ApplicationScoped
public class UsageRecorder {

  static final String SOURCE = "gateway";

  private final Outbox outbox;
  private final Pricing pricing;

  public UsageRecorder(Outbox outbox, Pricing pricing) {
    this.outbox = outbox;
    this.pricing = pricing;
  }

  /** What is known about a finished call. */
  public record Call(
      String requestId,
      String agentId,
      String workspaceId,
      String provider,
      String model,
      UsageMeter meter,
      long latencyMillis,
      String outcome) {}

  /** Records the call and returns its cost in micro-units. */
  public Uni<Long> record(Call call) {
    GatewayUsage row = toRow(call);
    UsageRecorded event = toEvent(row);
    return Panache.withTransaction(() -> row.persist().chain(() -> outbox.append(event)))
        .invoke(
            () ->
                Log.debugf(
                    "Recorded usage %s of agent %s: %s, %d+%d tokens, %s",
                    row.eventId,
                    row.agentId,
                    row.model,
                    row.inputTokens,
                    row.outputTokens,
                    row.outcome))
        .replaceWith(row.costMicros);
  }

  /** Returns what the workspace spent through this gateway since the instant. */
  public Uni<Long> spentSince(String workspaceId, Instant since) {
    return Panache.withSession(
        () ->
            GatewayUsage.getSession()
                .chain(
                    session ->
                        session
                            .createQuery(
                                "select coalesce(sum(u.costMicros), 0) from GatewayUsage u"
                                    + " where u.workspaceId = ?1 and u.recordedAt > ?2",
                                Long.class)
                            .setParameter(1, workspaceId)
                            .setParameter(2, since)
                            .getSingleResult()));
  }

  private GatewayUsage toRow(Call call) {
    UsageMeter meter = call.meter();
    GatewayUsage row = new GatewayUsage();
    row.eventId = call.requestId();
    row.agentId = call.agentId();
    row.workspaceId = call.workspaceId();
    row.provider = call.provider();
    row.model = call.model();
    row.inputTokens = meter.inputTokens();
    row.outputTokens = meter.outputTokens();
    row.cachedTokens = meter.cachedTokens();
    row.costMicros =
        pricing.cost(call.model(), row.inputTokens, row.outputTokens, row.cachedTokens);
    row.latencyMillis = call.latencyMillis();
    row.estimated = meter.estimated();
    row.outcome = call.outcome();
    row.recordedAt = Instant.now();
    return row;
  }

  private static UsageRecorded toEvent(GatewayUsage row) {
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
        row.estimated,
        row.recordedAt,
        Map.of("outcome", row.outcome));
  }
}
