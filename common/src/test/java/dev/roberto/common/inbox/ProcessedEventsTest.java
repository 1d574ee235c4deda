package dev.roberto.common.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.TestDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProcessedEventsTest {

  private static final String CONSUMER = "common-test.claims";

  @Inject ProcessedEvents processedEvents;

  @Test
  void claimAllReturnsOnlyNewEvents() throws Throwable {
    String before = UUID.randomUUID().toString();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> processedEvents.claim(CONSUMER, before)));

    Set<String> claimed =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withTransaction(
                    () ->
                        processedEvents.claimAll(CONSUMER, List.of(before, first, second, first))));

    assertEquals(Set.of(first, second), claimed);
    assertEquals(1L, claims(first));
    assertEquals(1L, claims(before));
  }

  @Test
  void claimAllOfNewEventsReturnsAll() throws Throwable {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();

    Set<String> claimed =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withTransaction(
                    () -> processedEvents.claimAll(CONSUMER, List.of(first, second))));

    assertEquals(Set.of(first, second), claimed);
    assertEquals(1L, claims(first));
    assertEquals(1L, claims(second));
  }

  @Test
  void claimAllRolledBackClaimsNothing() throws Throwable {
    String eventId = UUID.randomUUID().toString();

    try {
      VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(
                  () ->
                      processedEvents
                          .claimAll(CONSUMER, List.of(eventId))
                          .invoke(
                              claimed -> {
                                throw new IllegalStateException("effect failed");
                              })));
    } catch (IllegalStateException expected) {
      // The claim rolled back with the effect.
    }

    assertEquals(0L, claims(eventId));
    Boolean again =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withTransaction(() -> processedEvents.claim(CONSUMER, eventId)));
    assertTrue(again);
  }

  @Test
  void claimAllOfNothingIsEmpty() throws Throwable {
    Set<String> claimed =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withTransaction(() -> processedEvents.claimAll(CONSUMER, List.of())));

    assertTrue(claimed.isEmpty());
  }

  private static long claims(String eventId) {
    return TestDatabase.count(
        "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
        CONSUMER,
        eventId);
  }
}
