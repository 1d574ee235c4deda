package dev.roberto.gateway.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roberto.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spend of each workspace through the gateway since its billing snapshot, which the credit
 * check of a priced call subtracts from the snapshot's balance.
 *
 * <p>The database keeps the spend of every replica: the workspace's running total and one mark per
 * stored batch, which a trigger of migration V5 keeps. This replica reads it again once its reading
 * of a workspace and snapshot is older than {@code roberto.gateway.limits.spend-refresh}, and in
 * between adds the cost of the calls it stored itself since that reading. So its own calls count at
 * once, and the calls of other replicas count within that delay. Calls that find the reading out of
 * date while a new one is on its way each read too. A refresh of zero reads on every call.
 */
@ApplicationScoped
public class WorkspaceSpend {

  /**
   * The workspace's running total now, minus the total of its last mark at or before the instant:
   * the cost of the calls stored after it.
   */
  private static final String SPENT_SINCE =
      "SELECT coalesce((SELECT spent_micros FROM gateway_workspace_spend WHERE workspace_id = $1),"
          + " 0) - coalesce((SELECT spent_micros FROM gateway_spend_mark WHERE workspace_id = $1"
          + " AND stored_at <= $2 ORDER BY stored_at DESC LIMIT 1), 0)";

  /** Idle time after which a workspace is forgotten, so its next priced call reads the database. */
  private static final Duration IDLE_WORKSPACE = Duration.ofMinutes(10);

  /** A reading of the database, with what this replica had stored when it was taken. */
  private record Reading(Instant since, long spent, long storedHere, long readAtNanos) {}

  /** The cost this replica stored for one workspace, and its last reading. */
  private static final class Workspace {
    final AtomicLong storedHere = new AtomicLong();
    volatile Reading reading;
  }

  private final Pool pool;
  private final long refreshNanos;
  private final Cache<String, Workspace> workspaces =
      Caffeine.newBuilder().expireAfterAccess(IDLE_WORKSPACE).build();

  public WorkspaceSpend(Pool pool, GatewayConfig config) {
    this.pool = pool;
    this.refreshNanos = config.limits().spendRefresh().toNanos();
  }

  /**
   * Returns what the workspace spent in the calls stored after the instant: the last reading of the
   * database while it is fresh, plus what this replica stored since the reading.
   */
  public Uni<Long> spentSince(String workspaceId, Instant since) {
    Workspace workspace = workspace(workspaceId);
    long now = System.nanoTime();
    Reading reading = workspace.reading;
    if (reading != null
        && reading.since().equals(since)
        && now - reading.readAtNanos() < refreshNanos) {
      return Uni.createFrom()
          .item(reading.spent() + workspace.storedHere.get() - reading.storedHere());
    }
    // A call stored while the query runs may be in its result and in storedHere too. It then counts
    // twice until the next reading, so the check errs towards rejecting.
    long storedBefore = workspace.storedHere.get();
    return read(workspaceId, since)
        .map(
            spent -> {
              workspace.reading = new Reading(since, spent, storedBefore, now);
              return spent + workspace.storedHere.get() - storedBefore;
            });
  }

  /**
   * Counts the cost of a call this replica stored. The recorder calls it before the call's
   * reservation is released, so the cost is never missing from both.
   */
  void stored(String workspaceId, long costMicros) {
    if (costMicros > 0) {
      workspace(workspaceId).storedHere.addAndGet(costMicros);
    }
  }

  private Workspace workspace(String workspaceId) {
    return workspaces.get(workspaceId, id -> new Workspace());
  }

  private Uni<Long> read(String workspaceId, Instant since) {
    return pool.preparedQuery(SPENT_SINCE)
        .execute(Tuple.of(workspaceId, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
