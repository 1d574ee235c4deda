package dev.roberto.billing.usage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.billing.SyncedSnapshots;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.EventCodec;
import dev.roberto.events.Topics;
import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsageConsumptionTest {

  /** roberto.billing.starter-credits-micros in application.properties. */
  static final long STARTER = 5_000_000;

  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void redeliveredUsageDebitsOnce() {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded usage = UsageEvents.usage(workspace, "agent-1", 250_000);

    TestEvents.publish(usage);
    TestEvents.publish(usage);
    UsageRecorded marker = UsageEvents.usage(workspace, "agent-1", 1);
    TestEvents.publish(marker);
    awaitUsageRecorded(marker.eventId());

    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM credit_entry WHERE reference = ?", usage.eventId()));
    assertEquals(STARTER - 250_000 - 1, balance(workspace));
    assertEquals(balance(workspace), ledgerSum(workspace));
  }

  @Test
  void concurrentUsageLeavesExactBalance() throws Exception {
    String workspace = UUID.randomUUID().toString();
    long cost = 30_000;
    List<UsageRecorded> events =
        IntStream.range(0, 200)
            .mapToObj(i -> UsageEvents.usage(workspace, "agent-" + (i % 3), cost))
            .toList();

    UsageEvents.publishConcurrently(events, 8);

    await()
        .atMost(WAIT)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM usage_record WHERE workspace_id = ?", workspace)
                    == 200);
    long expected = STARTER - 200 * cost;
    assertEquals(expected, balance(workspace));
    assertEquals(expected, ledgerSum(workspace));
    assertEquals(
        200,
        TestDatabase.count(
            "SELECT count(*) FROM credit_entry WHERE workspace_id = ? AND kind = 'debit'",
            workspace));

    List<BillingSynced> snapshots =
        SyncedSnapshots.await(workspace, s -> !s.entitlements().gateway());
    long flips = snapshots.stream().filter(s -> !s.entitlements().gateway()).count();
    assertEquals(1, flips, "snapshots with the gateway taken away");
    BillingSynced last = snapshots.get(snapshots.size() - 1);
    assertFalse(last.entitlements().gateway());
    assertFalse(last.entitlements().start());
    assertTrue(last.entitlements().provision());
    assertTrue(last.creditBalanceMicros() <= 0, "balance in the flipping snapshot");
    for (int i = 1; i < snapshots.size(); i++) {
      assertTrue(snapshots.get(i).version() > snapshots.get(i - 1).version(), "versions grow");
    }
  }

  @Test
  void usageWithoutCostIsPriced() {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded unpriced = UsageEvents.usage(workspace, "agent-1", 0);
    UsageRecorded usage =
        new UsageRecorded(
            unpriced.schemaVersion(),
            unpriced.eventId(),
            workspace,
            "agent-1",
            "webhook",
            "anthropic",
            "claude-test",
            1000,
            500,
            10,
            null,
            null,
            true,
            unpriced.occurredAt(),
            unpriced.metadata());

    TestEvents.publish(usage);
    awaitUsageRecorded(usage.eventId());

    // Default prices: 1 micro-unit per input token, 4 per output token, cached tokens free.
    assertEquals(STARTER - 1000 - 2000, balance(workspace));
  }

  @Test
  void unreadableUsageGoesToDeadLetter() {
    String eventId = TestEvents.publishUnknownMajor(Topics.USAGE_RECORDED);

    assertFalse(TestEvents.awaitDeadLetters(Topics.USAGE_RECORDED, eventId, WAIT).isEmpty());
  }

  @Test
  void batchWithDuplicateDebitsEachOnce() throws Exception {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded first = UsageEvents.usage(workspace, "agent-1", 100_000);
    UsageRecorded second = UsageEvents.usage(workspace, "agent-2", 20_000);
    UsageRecorded third = UsageEvents.usage(workspace, "agent-1", 3_000);

    UsageEvents.publishTogether(
        workspace,
        List.of(first, second, first, third, second).stream()
            .map(EventCodec::toJsonString)
            .toList());
    awaitUsageRecorded(third.eventId());
    awaitUsageRecorded(second.eventId());
    awaitUsageRecorded(first.eventId());

    for (UsageRecorded usage : List.of(first, second, third)) {
      assertEquals(
          1,
          TestDatabase.count(
              "SELECT count(*) FROM credit_entry WHERE kind = 'debit' AND reference = ?",
              usage.eventId()),
          "debits of " + usage.eventId());
    }
    assertEquals(STARTER - 123_000, balance(workspace));
    assertEquals(balance(workspace), ledgerSum(workspace));
  }

  @Test
  void unreadableEventSparesRestOfBatch() throws Exception {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded before = UsageEvents.usage(workspace, "agent-1", 40_000);
    UsageRecorded after = UsageEvents.usage(workspace, "agent-1", 2_000);
    String unreadableId = UUID.randomUUID().toString();
    String unreadable = "{\"schemaVersion\":\"2.0\",\"eventId\":\"" + unreadableId + "\"}";
    UsageRecorded template = UsageEvents.usage(workspace, "agent-1", 500);
    UsageRecorded withoutWorkspace =
        new UsageRecorded(
            template.schemaVersion(),
            template.eventId(),
            "",
            "agent-1",
            "gateway",
            "openai",
            "gpt-test",
            100,
            20,
            0,
            500L,
            12L,
            false,
            template.occurredAt(),
            template.metadata());

    UsageEvents.publishTogether(
        workspace,
        List.of(
            EventCodec.toJsonString(before),
            unreadable,
            EventCodec.toJsonString(withoutWorkspace),
            EventCodec.toJsonString(after)));

    assertFalse(
        TestEvents.awaitDeadLetters(Topics.USAGE_RECORDED, unreadableId, WAIT).isEmpty(),
        "unreadable event on the dead-letter topic");
    assertFalse(
        TestEvents.awaitDeadLetters(Topics.USAGE_RECORDED, withoutWorkspace.eventId(), WAIT)
            .isEmpty(),
        "event without workspace on the dead-letter topic");
    awaitUsageRecorded(before.eventId());
    awaitUsageRecorded(after.eventId());
    assertEquals(STARTER - 42_000, balance(workspace));
    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM usage_record WHERE event_id = ?", withoutWorkspace.eventId()));
  }

  static void awaitUsageRecorded(String eventId) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                TestDatabase.count("SELECT count(*) FROM usage_record WHERE event_id = ?", eventId)
                    == 1);
  }

  static long balance(String workspace) {
    return ((Number)
            TestDatabase.rows(
                    "SELECT balance_micros FROM billing_account WHERE workspace_id = ?", workspace)
                .get(0)
                .get("balance_micros"))
        .longValue();
  }

  static long ledgerSum(String workspace) {
    return TestDatabase.count(
        "SELECT COALESCE(SUM(amount_micros), 0) FROM credit_entry WHERE workspace_id = ?",
        workspace);
  }
}
