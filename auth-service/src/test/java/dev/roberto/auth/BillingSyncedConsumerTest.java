package dev.roberto.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.events.BillingSynced;
import dev.roberto.events.CloudEventHeaders;
import dev.roberto.events.Entitlements;
import dev.roberto.events.EventCodec;
import dev.roberto.events.SchemaVersion;
import dev.roberto.events.Topics;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BillingSyncedConsumerTest {

  @Test
  void snapshotFromBrokerIsStored() {
    String workspaceId = "ws-" + UUID.randomUUID();

    publish(snapshot(workspaceId, 3, true, 5_000_000));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> storedVersion(workspaceId) == 3);
    Map<String, Object> row = storedRow(workspaceId);
    assertEquals(true, row.get("may_use_gateway"));
    assertEquals(5_000_000L, row.get("credit_balance_micros"));
  }

  @Test
  void olderSnapshotAfterNewerChangesNothing() {
    String workspaceId = "ws-" + UUID.randomUUID();
    publish(snapshot(workspaceId, 7, false, 0));
    await().atMost(Duration.ofSeconds(20)).until(() -> storedVersion(workspaceId) == 7);

    publish(snapshot(workspaceId, 6, true, 9_000_000));
    BillingSynced marker = snapshot(workspaceId, 8, false, 1);
    publish(marker);

    await().atMost(Duration.ofSeconds(20)).until(() -> storedVersion(workspaceId) == 8);
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM processed_event WHERE event_id = ?", marker.eventId()));
  }

  private static BillingSynced snapshot(
      String workspaceId, long version, boolean gateway, long balance) {
    return new BillingSynced(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        workspaceId,
        version,
        new Entitlements(gateway, gateway, gateway, gateway),
        balance,
        "none",
        "starter",
        Instant.now());
  }

  private static void publish(BillingSynced event) {
    TestTopics.send(
        Topics.BILLING_SYNCED,
        event.key(),
        EventCodec.toJsonString(event),
        CloudEventHeaders.of(event, "/roberto/test", Instant.now()));
  }

  private static long storedVersion(String workspaceId) {
    return TestDatabase.count(
        "SELECT coalesce(max(version), -1) FROM workspace_billing WHERE workspace_id = ?",
        workspaceId);
  }

  private static Map<String, Object> storedRow(String workspaceId) {
    return TestDatabase.rows("SELECT * FROM workspace_billing WHERE workspace_id = ?", workspaceId)
        .get(0);
  }
}
