package dev.roberto.testsupport.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roberto.events.BillingSynced;
import dev.roberto.events.Entitlements;
import dev.roberto.events.Topics;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * For services that keep billing snapshots: a {@code billing-synced} event sent through the real
 * broker lands in the service's own database, and an older snapshot never replaces a newer one.
 */
public abstract class BillingSnapshotConsumerContract {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void snapshotFromBrokerIsStored() {
    String workspaceId = "ws-" + UUID.randomUUID();

    TestEvents.publish(
        TestEvents.billingSynced(
            workspaceId, 3, new Entitlements(true, true, true, false), 5_000_000));

    await().atMost(PATIENCE).until(() -> storedVersion(workspaceId) == 3);
    Map<String, Object> row =
        TestDatabase.rows("SELECT * FROM workspace_billing WHERE workspace_id = ?", workspaceId)
            .get(0);
    assertEquals(true, row.get("may_use_gateway"));
    assertEquals(false, row.get("may_send_webhooks"));
    assertEquals(5_000_000L, row.get("credit_balance_micros"));
  }

  @Test
  void olderSnapshotAfterNewerChangesNothing() {
    String workspaceId = "ws-" + UUID.randomUUID();
    TestEvents.publish(TestEvents.billingSynced(workspaceId, 7, Entitlements.none(), 0));
    await().atMost(PATIENCE).until(() -> storedVersion(workspaceId) == 7);

    BillingSynced older =
        TestEvents.billingSynced(workspaceId, 6, new Entitlements(true, true, true, true), 9);
    TestEvents.publish(older);

    await().atMost(PATIENCE).until(() -> wasProcessed(older.eventId()));
    assertEquals(7L, storedVersion(workspaceId));
    assertEquals(
        0L,
        TestDatabase.count(
            "SELECT credit_balance_micros FROM workspace_billing WHERE workspace_id = ?",
            workspaceId));
  }

  @Test
  void unknownMajorVersionGoesToDeadLetter() {
    String eventId = TestEvents.publishUnknownMajor(Topics.BILLING_SYNCED);

    // The dead-letter producer delivers at least once, so a retried send may store a second copy.
    assertFalse(
        TestEvents.awaitDeadLetters(Topics.BILLING_SYNCED, eventId, PATIENCE).isEmpty(),
        "no dead letter carries " + eventId);
  }

  private static boolean wasProcessed(String eventId) {
    return TestDatabase.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId)
        == 1;
  }

  private static long storedVersion(String workspaceId) {
    return TestDatabase.count(
        "SELECT coalesce(max(version), -1) FROM workspace_billing WHERE workspace_id = ?",
        workspaceId);
  }
}
