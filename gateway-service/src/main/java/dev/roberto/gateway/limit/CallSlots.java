package dev.roberto.gateway.limit;

import dev.roberto.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Bounds the upstream calls this replica runs at once. A call beyond the bound waits in line until
 * a running call ends.
 */
@ApplicationScoped
public class CallSlots {

  private final int max;
  private final Queue<UniEmitter<? super Void>> waiting = new ArrayDeque<>();
  private int running;

  public CallSlots(GatewayConfig config) {
    this.max = config.limits().maxConcurrentCalls();
  }

  /**
   * Takes a slot when one is free now and returns true. Call {@link #release} once the call ended.
   * Returns false, taking nothing, when every slot is in use.
   */
  public synchronized boolean tryAcquire() {
    if (running < max && waiting.isEmpty()) {
      running++;
      return true;
    }
    return false;
  }

  /** Completes when the call may run; call {@link #release} once it ended. */
  public Uni<Void> acquire() {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              boolean now;
              synchronized (this) {
                now = running < max;
                if (now) {
                  running++;
                } else {
                  waiting.add(emitter);
                }
              }
              if (now) {
                emitter.complete(null);
              }
            });
  }

  public void release() {
    UniEmitter<? super Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.complete(null);
    }
  }

  /** Returns how many calls run now. */
  public synchronized int running() {
    return running;
  }
}
