package dev.roberto.billing.usage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.billing.SyncedSnapshots;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.Topics;
import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.LogCapture;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage events and scheduled work while billing's connections to PostgreSQL are cut. */
@QuarkusTest
class UsageDuringOutageTest {

  static final long STARTER = UsageConsumptionTest.STARTER;
  static final Duration WAIT = UsageConsumptionTest.WAIT;

  private final LogCapture logs = new LogCapture();

  @BeforeEach
  void captureLogs() {
    logs.start();
  }

  @AfterEach
  void releaseLogsAndDatabase() {
    logs.stop();
    DatabaseLink.shared().restore();
  }

  @Test
  void usageDuringOutageIsDebitedOnceAfterwards() {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded before = UsageEvents.usage(workspace, "agent-1", 100_000);
    TestEvents.publish(before);
    UsageConsumptionTest.awaitUsageRecorded(before.eventId());

    // The usage spends past the starter credits, so billing publishes a snapshot without the
    // gateway once it is applied.
    DatabaseLink.shared().cut();
    UsageRecorded during = UsageEvents.usage(workspace, "agent-1", STARTER);
    TestEvents.publish(during);
    awaitWarning("Applying usage event " + during.eventId() + " failed on attempt 2");
    DatabaseLink.shared().restore();

    UsageConsumptionTest.awaitUsageRecorded(during.eventId());
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM credit_entry WHERE reference = ?", during.eventId()));
    assertEquals(-100_000, UsageConsumptionTest.balance(workspace));
    assertTrue(
        TestEvents.awaitDeadLetters(Topics.USAGE_RECORDED, during.eventId(), Duration.ofSeconds(3))
            .isEmpty(),
        "usage event on the dead-letter topic");
    // The outbox relay runs again: the snapshot of the debit reaches Kafka.
    List<BillingSynced> snapshots =
        SyncedSnapshots.await(workspace, s -> !s.entitlements().gateway());
    assertEquals(-100_000, snapshots.get(snapshots.size() - 1).creditBalanceMicros());
    assertTrue(
        logs.records().stream()
            .noneMatch(
                record ->
                    record.getLevel().intValue() >= Level.WARNING.intValue()
                        && record.getThrown() != null
                        && formatted(record).contains(during.eventId())),
        "stack traces logged for the usage event");
  }

  @Test
  void grantExpiryRunsAgainAfterOutage() {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded usage = UsageEvents.usage(workspace, "agent-1", 1_000_000);
    TestEvents.publish(usage);
    UsageConsumptionTest.awaitUsageRecorded(usage.eventId());

    DatabaseLink.shared().cut();
    awaitWarning("Forfeiting expired grants failed because the database is unavailable");
    DatabaseLink.shared().restore();

    int moved =
        TestDatabase.update(
            "UPDATE credit_entry SET expires_at = now() - interval '1 second'"
                + " WHERE workspace_id = ? AND kind = 'grant' AND source = 'starter'",
            workspace);
    assertEquals(1, moved);
    SyncedSnapshots.await(workspace, s -> !s.entitlements().gateway());
    await()
        .atMost(WAIT)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM credit_entry WHERE workspace_id = ?"
                            + " AND kind = 'adjustment' AND source = 'expiry'",
                        workspace)
                    == 1);
    assertEquals(0, UsageConsumptionTest.balance(workspace));
  }

  private void awaitWarning(String start) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                logs.records().stream()
                    .anyMatch(
                        record ->
                            record.getLevel().intValue() == Level.WARNING.intValue()
                                && formatted(record).startsWith(start)));
  }

  private static String formatted(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters == null) {
      return record.getMessage();
    }
    try {
      return String.format(record.getMessage(), parameters);
    } catch (RuntimeException e) {
      return record.getMessage() + " " + Arrays.toString(parameters);
    }
  }
}
