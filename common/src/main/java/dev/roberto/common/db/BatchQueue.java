package dev.roberto.common.db;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
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
 * <p>A queue can linger: an item that finds the worker idle then waits the linger time before its
 * batch starts, so that the items of that time share the batch. Items that arrive while a batch
 * runs start the next batch as soon as it ends, because they have waited already.
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
  private final Vertx vertx;
  private final long lingerMillis;

  /**
   * Creates a queue that hands at most {@code maxBatch} items at a time to the worker; {@code
   * items} names them in log lines, such as "usage deliveries".
   */
  public BatchQueue(String items, int maxBatch, Function<List<T>, Uni<Void>> worker) {
    this(items, maxBatch, null, Duration.ZERO, worker);
  }

  /** Creates a queue that lingers before a batch that starts from idle, on a Vert.x timer. */
  public BatchQueue(
      String items,
      int maxBatch,
      Vertx vertx,
      Duration linger,
      Function<List<T>, Uni<Void>> worker) {
    this.items = items;
    this.maxBatch = maxBatch;
    this.vertx = vertx;
    this.lingerMillis = linger.toMillis();
    this.worker = worker;
  }

  /** Adds the item, and starts a batch unless one is being handled. Returns at once. */
  public void add(T item) {
    queue.add(item);
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    if (lingerMillis > 0) {
      vertx.setTimer(lingerMillis, timer -> startBatch());
    } else {
      startBatch();
    }
  }

  /** Hands the next batch to the worker. The caller has set {@code busy}. */
  private void startBatch() {
    // ConcurrentLinkedQueue.size() walks the whole queue, so the list grows as it fills.
    List<T> batch = new ArrayList<>();
    T next;
    while (batch.size() < maxBatch && (next = queue.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      batchEnded();
      return;
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
  }

  /** Starts the next batch at once when items arrived meanwhile: they have waited already. */
  private void batchEnded() {
    busy.set(false);
    if (!queue.isEmpty() && busy.compareAndSet(false, true)) {
      startBatch();
    }
  }
}
