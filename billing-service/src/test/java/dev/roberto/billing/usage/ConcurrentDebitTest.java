package dev.roberto.billing.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Applies usage from many threads at once, each in its own transaction, bypassing the one-by-one
 * Kafka consumer, so that debits of one workspace really race for its account.
 */
@QuarkusTest
class ConcurrentDebitTest {

  @Inject UsageConsumption consumption;

  private Boolean apply(UsageRecorded event) throws Exception {
    try {
      return VertxContextSupport.subscribeAndAwait(() -> consumption.apply(event));
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void racingDebitsLoseNoUpdate() throws Exception {
    String workspace = UUID.randomUUID().toString();
    long cost = 40_000;
    List<UsageRecorded> events =
        IntStream.range(0, 200)
            .mapToObj(i -> UsageEvents.usage(workspace, "agent-1", cost))
            .toList();

    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> applied =
          events.stream().map(event -> pool.submit(() -> apply(event))).toList();
      for (Future<Boolean> future : applied) {
        future.get();
      }
      // The same events again, racing too: every one was applied before.
      List<Future<Boolean>> again =
          events.stream().map(event -> pool.submit(() -> apply(event))).toList();
      for (Future<Boolean> future : again) {
        assertEquals(false, future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    long expected = UsageConsumptionTest.STARTER - 200 * cost;
    assertEquals(expected, UsageConsumptionTest.balance(workspace));
    assertEquals(expected, UsageConsumptionTest.ledgerSum(workspace));
    assertEquals(
        2,
        TestDatabase.count(
            "SELECT snapshot_version FROM billing_account WHERE workspace_id = ?", workspace),
        "snapshots: the opening one and the one that took the gateway away");
  }
}
