package dev.roberto.common.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.common.inbox.ProcessedEvents;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retry helper around a Panache transaction whose connection breaks halfway. */
@QuarkusTest
class DatabaseRetryTransactionTest {

  private static final String CONSUMER = "retry-test";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Inject ProcessedEvents processedEvents;

  @AfterEach
  void restoreDatabase() {
    DatabaseLink.shared().restore();
  }

  @Test
  void retryRunsWholeTransactionAgain() throws Throwable {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    AtomicInteger attempts = new AtomicInteger();
    Thread restorer =
        new Thread(
            () -> {
              await().atMost(PATIENCE).until(() -> attempts.get() >= 2);
              DatabaseLink.shared().restore();
            });
    restorer.start();

    Boolean claimedBoth =
        VertxContextSupport.subscribeAndAwait(
            () ->
                DatabaseRetry.untilAvailable(
                    "Claiming two test events",
                    () -> {
                      int attempt = attempts.incrementAndGet();
                      return Panache.withTransaction(
                          () ->
                              processedEvents
                                  .claim(CONSUMER, first)
                                  .invoke(() -> cutOnFirstAttempt(attempt))
                                  .chain(
                                      claimedFirst ->
                                          processedEvents
                                              .claim(CONSUMER, second)
                                              .map(
                                                  claimedSecond -> claimedFirst && claimedSecond)));
                    }));
    restorer.join();

    // The last attempt claimed both events anew: the first attempt's claim was rolled back.
    assertTrue(claimedBoth);
    assertTrue(attempts.get() >= 3, "attempts: " + attempts.get());
    assertEquals(1L, claims(first));
    assertEquals(1L, claims(second));
  }

  /** Cuts the link after the first statement of the first attempt, before its commit. */
  private static void cutOnFirstAttempt(int attempt) {
    if (attempt == 1) {
      DatabaseLink.shared().cut();
    }
  }

  private static long claims(String eventId) {
    return TestDatabase.count(
        "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
        CONSUMER,
        eventId);
  }
}
