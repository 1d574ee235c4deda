package dev.roberto.gateway.usage;

import dev.roberto.common.db.BatchQueue;
import dev.roberto.common.db.DatabaseOutage;
import dev.roberto.common.db.DatabaseRetry;
import dev.roberto.common.outbox.OutboxRelay;
import dev.roberto.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the usage of calls and their {@code usage-recorded} events; the outbox relay sends the
 * events to Kafka, so a Kafka outage delays them and never loses them. The rows are written through
 * the reactive SQL client, which Hibernate's commit listener does not see, so a stored batch wakes
 * the relay itself.
 *
 * <p>Calls wait in a queue and one writer stores them in batches of up to {@value #MAX_BATCH}: each
 * batch is one transaction that inserts the usage rows and their outbox rows. A trigger adds their
 * cost to each workspace's running total, which the credit check reads through {@link
 * WorkspaceSpend}. A call that finds the writer idle waits {@code
 * roberto.gateway.usage.batch-linger} for others, and under heavy load the queue fills while the
 * previous batch is written, so the cost of a transaction is shared by the calls of that time.
 * {@link UsageBacklog} bounds the calls that wait.
 *
 * <p>While PostgreSQL is unavailable, the batch runs again with back-off until the oldest call in
 * it has waited {@code roberto.gateway.usage.record-retry-for}, and the calls behind it wait in
 * memory. Both inserts skip an event id that is already stored, so when a connection breaks during
 * a commit that did happen, the next attempt counts each call once.
 */
@ApplicationScoped
public class UsageRecorder {

  static final String SOURCE = "gateway";

  /** Largest number of calls written in one transaction. */
  static final int MAX_BATCH = 200;

  /**
   * Inserts the usage rows, skipping event ids already stored. The trigger of migration V5 adds the
   * cost of the rows it inserted to each workspace's running total.
   */
  private static final String INSERT_USAGE =
      "INSERT INTO gateway_usage (event_id, agent_id, workspace_id, provider, model, input_tokens,"
          + " output_tokens, cached_tokens, cost_micros, latency_millis, estimated, outcome,"
          + " recorded_at)"
          + " SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],"
          + " $5::varchar[], $6::int8[], $7::int8[], $8::int8[], $9::int8[], $10::int8[],"
          + " $11::bool[], $12::varchar[], $13::timestamptz[])"
          + " ON CONFLICT (event_id) DO NOTHING";

  private final Pool pool;
  private final Pricing pricing;
  private final UsageOutbox outbox;
  private final OutboxRelay relay;
  private final Duration retryFor;
  private final UsageBacklog backlog;
  private final WorkspaceSpend spend;
  private final BatchQueue<Pending> queue;

  public UsageRecorder(
      Pool pool,
      Pricing pricing,
      UsageOutbox outbox,
      OutboxRelay relay,
      UsageBacklog backlog,
      WorkspaceSpend spend,
      Vertx vertx,
      GatewayConfig config) {
    this.pool = pool;
    this.pricing = pricing;
    this.outbox = outbox;
    this.relay = relay;
    this.backlog = backlog;
    this.spend = spend;
    this.retryFor = config.usage().recordRetryFor();
    this.queue =
        new BatchQueue<>(
            "gateway usage records",
            MAX_BATCH,
            vertx,
            config.usage().batchLinger(),
            this::writeAndComplete);
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

  /** A call waiting to be written, with the cost it is recorded at. */
  record Usage(
      Call call,
      long inputTokens,
      long outputTokens,
      long cachedTokens,
      long costMicros,
      boolean estimated,
      Instant recordedAt) {}

  private record Pending(Usage usage, long queuedNanos, UniEmitter<? super Long> emitter) {}

  /**
   * Records the call and returns its cost in micro-units once it is stored. Recording the same call
   * again returns its cost and changes nothing.
   */
  public Uni<Long> record(Call call) {
    Usage usage = toUsage(call, Instant.now());
    return Uni.createFrom()
        .emitter(
            emitter -> {
              backlog.added();
              queue.add(new Pending(usage, System.nanoTime(), emitter));
            });
  }

  /** Writes the batch and completes each call's result with its cost or the failure. */
  private Uni<Void> writeAndComplete(List<Pending> batch) {
    return write(batch)
        .onItemOrFailure()
        .invoke((ignored, failure) -> completeCalls(batch, failure))
        .onFailure()
        .recoverWithNull();
  }

  private void completeCalls(List<Pending> batch, Throwable failure) {
    if (failure == null) {
      backlog.stored(batch.size());
      relay.wakeUp();
    } else {
      backlog.givenUp(batch.size());
    }
    for (Pending pending : batch) {
      if (failure == null) {
        Usage usage = pending.usage();
        spend.stored(usage.call().workspaceId(), usage.costMicros());
        pending.emitter().complete(usage.costMicros());
      } else {
        pending.emitter().fail(failure);
      }
    }
    if (failure != null) {
      logLost(batch, failure);
    }
  }

  /** Writes the batch in one transaction, again while the database is unavailable. */
  private Uni<Void> write(List<Pending> batch) {
    List<Usage> usages = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      usages.add(pending.usage());
    }
    long waitedNanos = System.nanoTime() - batch.get(0).queuedNanos();
    Duration left = retryFor.minusNanos(waitedNanos);
    Tuple usageRows = usageRows(usages);
    Tuple eventRows = outbox.eventRows(usages);
    return DatabaseRetry.untilAvailable(
            describe(usages),
            left.isNegative() ? Duration.ZERO : left,
            () ->
                pool.withTransaction(
                        connection ->
                            connection
                                .preparedQuery(INSERT_USAGE)
                                .execute(usageRows)
                                .chain(() -> outbox.insert(connection, eventRows)))
                    .onFailure(DatabaseOutage::isCause)
                    .invoke(backlog::databaseUnavailable))
        .invoke(() -> Log.debugf("Recorded the usage of %d gateway calls", usages.size()))
        .replaceWithVoid();
  }

  /** Names the work for the retry's log lines: the call's id, or the first id and the count. */
  private static String describe(List<Usage> usages) {
    String first = usages.get(0).call().requestId();
    if (usages.size() == 1) {
      return "Recording the usage of gateway call " + first;
    }
    return "Recording the usage of " + usages.size() + " gateway calls (" + first + " first)";
  }

  private static void logLost(List<Pending> batch, Throwable failure) {
    for (Pending pending : batch) {
      String requestId = pending.usage().call().requestId();
      if (DatabaseOutage.isCause(failure)) {
        Log.errorf(
            "Recording the usage of gateway call %s failed because the database stayed"
                + " unavailable; the usage is lost: %s",
            requestId, DatabaseOutage.describe(failure));
      } else {
        Log.errorf(failure, "Recording the usage of gateway call %s failed", requestId);
      }
    }
  }

  private Usage toUsage(Call call, Instant recordedAt) {
    UsageMeter meter = call.meter();
    long input = meter.inputTokens();
    long output = meter.outputTokens();
    long cached = meter.cachedTokens();
    long cost = pricing.cost(call.model(), input, output, cached);
    return new Usage(call, input, output, cached, cost, meter.estimated(), recordedAt);
  }

  private static Tuple usageRows(List<Usage> usages) {
    int size = usages.size();
    String[] eventIds = new String[size];
    String[] agentIds = new String[size];
    String[] workspaceIds = new String[size];
    String[] providers = new String[size];
    String[] models = new String[size];
    Long[] inputTokens = new Long[size];
    Long[] outputTokens = new Long[size];
    Long[] cachedTokens = new Long[size];
    Long[] costs = new Long[size];
    Long[] latencies = new Long[size];
    Boolean[] estimated = new Boolean[size];
    String[] outcomes = new String[size];
    OffsetDateTime[] recordedAt = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      Usage usage = usages.get(i);
      Call call = usage.call();
      eventIds[i] = call.requestId();
      agentIds[i] = call.agentId();
      workspaceIds[i] = call.workspaceId();
      providers[i] = call.provider();
      models[i] = call.model();
      inputTokens[i] = usage.inputTokens();
      outputTokens[i] = usage.outputTokens();
      cachedTokens[i] = usage.cachedTokens();
      costs[i] = usage.costMicros();
      latencies[i] = call.latencyMillis();
      estimated[i] = usage.estimated();
      outcomes[i] = call.outcome();
      recordedAt[i] = OffsetDateTime.ofInstant(usage.recordedAt(), ZoneOffset.UTC);
    }
    return Tuple.tuple(
        List.of(
            eventIds,
            agentIds,
            workspaceIds,
            providers,
            models,
            inputTokens,
            outputTokens,
            cachedTokens,
            costs,
            latencies,
            estimated,
            outcomes,
            recordedAt));
  }
}
