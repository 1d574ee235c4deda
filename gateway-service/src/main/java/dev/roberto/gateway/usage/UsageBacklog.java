package dev.roberto.gateway.usage;

import dev.roberto.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the calls whose usage waits in this replica's memory to be stored. A replica that serves
 * calls faster than PostgreSQL stores their usage would otherwise fill its heap with usage, and
 * lose all of it if it stopped. Once {@code roberto.gateway.usage.max-queued} calls wait, a new
 * call waits in line before it reaches a provider, until a stored batch makes room. While
 * PostgreSQL is unavailable, a new call that finds no room is rejected with the outage instead, and
 * so are the calls in line: the room would come only with the database.
 *
 * <p>The bean starts with the service, so that its gauge is in the metrics before the first call.
 */
@Startup
@ApplicationScoped
public class UsageBacklog {

  private final int max;
  private final AtomicInteger queued = new AtomicInteger();
  private final Queue<UniEmitter<? super Void>> waiting = new ConcurrentLinkedQueue<>();
  private volatile Throwable outage;

  public UsageBacklog(GatewayConfig config, MeterRegistry registry) {
    this.max = config.usage().maxQueued();
    Gauge.builder("roberto.gateway.usage.queued", queued, AtomicInteger::get)
        .description("Calls whose usage waits in memory to be stored")
        .register(registry);
  }

  /** Returns true when a new call may go on at once, with no call in line before it. */
  public boolean hasRoom() {
    return queued.get() < max && waiting.isEmpty();
  }

  /**
   * Completes once a new call may go on. Fails while the database is unavailable and the backlog is
   * full.
   */
  public Uni<Void> awaitRoom() {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Throwable away = outage;
              if (away != null && queued.get() >= max) {
                emitter.fail(away);
                return;
              }
              waiting.add(emitter);
              admitWaiting();
            });
  }

  /** Counts one more call whose usage waits to be stored. */
  void added() {
    queued.incrementAndGet();
  }

  /** Counts the usage of {@code count} calls as stored, so the database is reachable again. */
  void stored(int count) {
    outage = null;
    queued.addAndGet(-count);
    admitWaiting();
  }

  /** Counts the usage of {@code count} calls that left the queue without being stored. */
  void givenUp(int count) {
    queued.addAndGet(-count);
    admitWaiting();
  }

  /** Rejects the calls in line, and new calls without room, after a write failed on an outage. */
  void databaseUnavailable(Throwable failure) {
    outage = failure;
    UniEmitter<? super Void> next;
    while ((next = waiting.poll()) != null) {
      next.fail(failure);
    }
  }

  /** Lets calls in line go on, as many as there is room for now. */
  private void admitWaiting() {
    int room = max - queued.get();
    for (int i = 0; i < room; i++) {
      UniEmitter<? super Void> next = waiting.poll();
      if (next == null) {
        return;
      }
      next.complete(null);
    }
  }
}
