package dev.roberto.gateway.replica;

import dev.roberto.common.outbox.WhileRunning;
import dev.roberto.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the gateway replicas that are running, through heartbeats in PostgreSQL. Each replica
 * refreshes its own row of {@code gateway_replica} every heartbeat interval and deletes it when it
 * shuts down. A row counts as live until the expiry has passed since its last heartbeat. Each
 * heartbeat also counts the live rows and keeps the count in memory, so reading it costs no
 * database round trip.
 */
@ApplicationScoped
public class LiveReplicas {

  /**
   * Refreshes this replica's row, deletes expired rows of other replicas and counts the live ones
   * other than this replica, in one round trip. The SELECT reads the snapshot taken before the
   * statement, so it counts the other replicas and this one is added in Java.
   */
  private static final String HEARTBEAT =
      """
      WITH beat AS (
          INSERT INTO gateway_replica (id, seen_at) VALUES ($1, now())
          ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at),
      expired AS (
          DELETE FROM gateway_replica
          WHERE id <> $1 AND seen_at <= now() - make_interval(secs => $2))
      SELECT count(*) AS others FROM gateway_replica
      WHERE id <> $1 AND seen_at > now() - make_interval(secs => $2)
      """;

  private static final String REMOVE = "DELETE FROM gateway_replica WHERE id = $1";

  private final String id = UUID.randomUUID().toString();
  private final Pool pool;
  private final MeterRegistry registry;
  private final Duration heartbeatInterval;
  private final Duration expiry;
  private final AtomicInteger failedHeartbeats = new AtomicInteger();
  private volatile int count = 1;
  private volatile boolean leaving;

  public LiveReplicas(Pool pool, MeterRegistry registry, GatewayConfig config) {
    this.pool = pool;
    this.registry = registry;
    this.heartbeatInterval = config.replicas().heartbeatInterval();
    this.expiry = config.replicas().expiry();
    if (expiry.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalStateException(
          "roberto.gateway.replicas.expiry ("
              + expiry
              + ") must be longer than roberto.gateway.replicas.heartbeat-interval ("
              + heartbeatInterval
              + "), else live replicas drop out of the count between two heartbeats. Set it to"
              + " about three heartbeat intervals.");
    }
  }

  /** Returns the live replicas that the last successful heartbeat counted, this one included. */
  public int count() {
    return count;
  }

  /** Returns the id of this replica's row in {@code gateway_replica}. */
  public String id() {
    return id;
  }

  void onStart(@Observes StartupEvent event) {
    Gauge.builder("roberto.gateway.live.replicas", this, LiveReplicas::count)
        .description("Gateway replicas that this replica counted as live at its last heartbeat")
        .strongReference(true)
        .register(registry);
    Log.infof(
        "Gateway replica %s sends a heartbeat every %s and counts the replicas seen within %s",
        id, heartbeatInterval, expiry);
  }

  void onShutdown(@Observes ShutdownEvent event) {
    leave();
  }

  // NOTE: Quarkus' simple scheduler checks its triggers once a second, so an interval below 1s runs
  // at 1s.
  /**
   * Refreshes this replica's row and updates the count of live replicas. When the database does not
   * respond within the heartbeat interval, or the query fails, the last count stays.
   */
  @Scheduled(
      identity = "gateway-replica-heartbeat",
      every = "${roberto.gateway.replicas.heartbeat-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = WhileRunning.class)
  public Uni<Void> heartbeat() {
    if (leaving) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(HEARTBEAT)
        .execute(Tuple.of(id, expiry.toMillis() / 1000.0))
        .ifNoItem()
        .after(heartbeatInterval)
        .fail()
        .invoke(rows -> update(1 + othersIn(rows)))
        // A heartbeat that was under way when this replica left can write the row again.
        .call(() -> leaving ? removeRow() : Uni.createFrom().voidItem())
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(this::heartbeatFailed);
  }

  /**
   * Deletes this replica's row, so that the other replicas stop counting it at their next
   * heartbeat, and stops the heartbeats. Runs when the application shuts down. Later calls do
   * nothing.
   */
  public void leave() {
    if (leaving) {
      return;
    }
    leaving = true;
    try {
      removeRow().await().atMost(heartbeatInterval);
      Log.infof("Gateway replica %s removed its heartbeat row", id);
    } catch (RuntimeException e) {
      Log.warnf(
          "Gateway replica %s failed to remove its heartbeat row, so the other replicas count it"
              + " until %s after its last heartbeat: %s",
          id, expiry, e.getMessage());
    }
  }

  private Uni<Void> removeRow() {
    return pool.preparedQuery(REMOVE).execute(Tuple.of(id)).replaceWithVoid();
  }

  private static int othersIn(RowSet<Row> rows) {
    return Math.toIntExact(rows.iterator().next().getLong("others"));
  }

  private void update(int live) {
    int failed = failedHeartbeats.getAndSet(0);
    if (failed > 0) {
      Log.infof("Gateway replica heartbeat succeeded again after %d failed heartbeats", failed);
    }
    int previous = count;
    count = live;
    if (live != previous) {
      Log.infof("Live gateway replicas changed from %d to %d", previous, live);
    }
  }

  /** Logs the first failure in a row as WARN and later ones as DEBUG. The count stays. */
  private Void heartbeatFailed(Throwable failure) {
    String message =
        failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    if (failedHeartbeats.getAndIncrement() == 0) {
      Log.warnf(
          "Gateway replica heartbeat failed, keeping the count of %d live replicas until a"
              + " heartbeat succeeds: %s",
          count, message);
    } else {
      Log.debugf("Gateway replica heartbeat failed again: %s", message);
    }
    return null;
  }
}
