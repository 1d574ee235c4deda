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
 * A queue of items that callers add concurrently and one writer takes in batches, one batch at a
 * time. Under light load a batch contains one item. Under heavy load the queue fills while the
 * previous batch is written, so one transaction serves many items.
 *
 * <p>The writer completes each item's caller itself. A writer failure is logged and the next batch
 * starts, so the writer should recover from the failures it expects.
 */
public final class BatchQueue<T> {

  private final String items;
  private final int maxBatch;
  private final Function<List<T>, Uni<Void>> writer;
  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();

  /**
   * Creates a queue that hands at most {@code maxBatch} items at a time to the writer; {@code
   * items} names them in log lines, such as "usage deliveries".
   */
  public BatchQueue(String items, int maxBatch, Function<List<T>, Uni<Void>> writer) {
    this.items = items;
    this.maxBatch = maxBatch;
    this.writer = writer;
  }

  /** Adds the item, and starts a batch unless one is being written. Returns at once. */
  public void add(T item) {
    queue.add(item);
    writeIfIdle();
  }

  /** Starts writing a batch unless one is being written. A batch starts the next when it ends. */
  private void writeIfIdle() {
    while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
      // ConcurrentLinkedQueue.size() walks the whole queue, so the list grows as it fills.
      List<T> batch = new ArrayList<>();
      T next;
      while (batch.size() < maxBatch && (next = queue.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        writing.set(false);
        continue;
      }
      writer
          .apply(batch)
          .subscribe()
          .with(
              ignored -> batchEnded(),
              failure -> {
                Log.errorf(failure, "Writing a batch of %d %s failed", batch.size(), items);
                batchEnded();
              });
      return;
    }
  }

  private void batchEnded() {
    writing.set(false);
    writeIfIdle();
  }
}
