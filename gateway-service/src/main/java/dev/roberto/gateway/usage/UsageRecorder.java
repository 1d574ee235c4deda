package dev.roberto.gateway.usage;

import dev.roberto.common.db.DatabaseRetry;
import dev.roberto.common.outbox.Outbox;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.UsageRecorded;
import dev.roberto.gateway.config.GatewayConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Stores the usage of a call and its {@code usage-recorded} event in one transaction; the outbox
 * relay sends the event to Kafka, so a Kafka outage delays it and never loses it.
 *
 * <p>While PostgreSQL is unavailable, the transaction runs again with back-off for up to {@code
 * roberto.gateway.usage.record-retry-for}. Every attempt writes the call's request id as the event
 * id, so when a connection breaks during a commit that did happen, the next attempt hits the unique
 * event id and counts as recorded instead of counting twice.
 */
@ApplicationScoped
public class UsageRecorder {

  static final String SOURCE = "gateway";

  /** SQLSTATE unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** Unique constraints on the event id, from the migrations of gateway_usage and the outbox. */
  private static final Set<String> EVENT_ID_CONSTRAINTS =
      Set.of("gateway_usage_pkey", "outbox_message_event_id_key");

  private final Outbox outbox;
  private final Pricing pricing;
  private final Duration retryFor;

  public UsageRecorder(Outbox outbox, Pricing pricing, GatewayConfig config) {
    this.outbox = outbox;
    this.pricing = pricing;
    this.retryFor = config.usage().recordRetryFor();
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

  /**
   * Records the call and returns its cost in micro-units. Recording the same call again returns its
   * cost and changes nothing.
   */
  public Uni<Long> record(Call call) {
    Instant recordedAt = Instant.now();
    return DatabaseRetry.untilAvailable(
        "Recording the usage of gateway call " + call.requestId(),
        retryFor,
        () -> insert(call, recordedAt));
  }

  /** Inserts the usage row and its event in one transaction, with entities new to this attempt. */
  private Uni<Long> insert(Call call, Instant recordedAt) {
    GatewayUsage row = toRow(call, recordedAt);
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
        .replaceWith(row.costMicros)
        .onFailure(UsageRecorder::isDuplicateEvent)
        .recoverWithItem(
            () -> {
              Log.infof(
                  "Usage %s was already recorded by an earlier attempt, so it counts once",
                  row.eventId);
              return row.costMicros;
            });
  }

  /**
   * Returns true for a unique violation on the event id. Hibernate Reactive reports it as a {@link
   * ConstraintViolationException} that names the constraint; the client's {@link PgException} is
   * checked too, for a failure that reaches here unconverted.
   */
  private static boolean isDuplicateEvent(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violation) {
        return UNIQUE_VIOLATION.equals(violation.getSQLState())
            && EVENT_ID_CONSTRAINTS.contains(violation.getConstraintName());
      }
      if (cause instanceof PgException pg) {
        return UNIQUE_VIOLATION.equals(pg.getSqlState())
            && EVENT_ID_CONSTRAINTS.contains(pg.getConstraint());
      }
    }
    return false;
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

  private GatewayUsage toRow(Call call, Instant recordedAt) {
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
    row.recordedAt = recordedAt;
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
