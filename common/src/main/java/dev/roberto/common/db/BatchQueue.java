package dev.roberto.common.db;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A queue of items that callers add concurrently and one worker takes in batches, one batch at a
 * time. Under light load a batch contains one item. Under heavy load the queue fills while the
 * previous batch is handled, so one statement or transaction serves many items: the writes of the
 * gateway's usage and of the webhook intake, and the intake's agent lookups.
 *
 * <p>The worker completes each item's caller itself. A worker failure is logged and the next batch
 * starts, so the worker should recover from the failures it expects.
 */
public final class BatchQueue<T> {

  private final String items;
  private final int maxBatch;
  private final Function<List<T>, Uni<Void>> worker;
  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean busy = new AtomicBoolean();

  /**
   * Creates a queue that hands at most {@code maxBatch} items at a time to the worker; {@code
   * items} names them in log lines, such as "usage deliveries".
   */
  public BatchQueue(String items, int maxBatch, Function<List<T>, Uni<Void>> worker) {
    this.items = items;
    this.maxBatch = maxBatch;
    this.worker = worker;
  }

  /** Adds the item, and starts a batch unless one is being handled. Returns at once. */
  public void add(T item) {
    queue.add(item);
    startIfIdle();
  }

  /** Starts a batch unless one is being handled. A batch starts the next when it ends. */
  private void startIfIdle() {
    while (!queue.isEmpty() && busy.compareAndSet(false, true)) {
      // ConcurrentLinkedQueue.size() walks the whole queue, so the list grows as it fills.
      List<T> batch = new ArrayList<>();
      T next;
      while (batch.size() < maxBatch && (next = queue.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        busy.set(false);
        continue;
      }
      worker
          .apply(batch)
          .subscribe()
          .with(
              ignored -> batchEnded(),
              failure -> {
                Log.errorf(failure, "A batch of %d %s failed", batch.size(), items);
                batchEnded();
              });
      return;
    }
  }

  private void batchEnded() {
    busy.set(false);
    startIfIdle();
  }
}
