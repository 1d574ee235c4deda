package dev.roberto.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BatchQueueTest {

  /** A worker that records each batch and leaves it open until the test completes it. */
  static final class HeldWorker {
    final List<List<String>> batches = new ArrayList<>();
    final List<CompletableFuture<Void>> commits = new ArrayList<>();

    synchronized Uni<Void> handle(List<String> batch) {
      batches.add(List.copyOf(batch));
      CompletableFuture<Void> commit = new CompletableFuture<>();
      commits.add(commit);
      return Uni.createFrom().completionStage(commit);
    }

    void commit(int batch) {
      commits.get(batch).complete(null);
    }
  }

  @Test
  void laterItemsShareNextBatch() {
    HeldWorker worker = new HeldWorker();
    BatchQueue<String> queue = new BatchQueue<>("items", 10, worker::handle);

    queue.add("a");
    queue.add("b");
    queue.add("c");
    assertEquals(List.of(List.of("a")), worker.batches);

    worker.commit(0);
    assertEquals(List.of(List.of("a"), List.of("b", "c")), worker.batches);
  }

  @Test
  void batchSizeIsCapped() {
    HeldWorker worker = new HeldWorker();
    BatchQueue<String> queue = new BatchQueue<>("items", 2, worker::handle);

    for (String item : List.of("a", "b", "c", "d", "e")) {
      queue.add(item);
    }
    worker.commit(0);
    worker.commit(1);

    assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d", "e")), worker.batches);
  }
}
