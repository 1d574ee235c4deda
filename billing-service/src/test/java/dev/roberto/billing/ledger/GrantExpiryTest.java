package dev.roberto.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roberto.billing.SyncedSnapshots;
import dev.roberto.billing.usage.UsageEvents;
import dev.roberto.events.BillingSynced;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GrantExpiryTest {

  static final long STARTER = 5_000_000;

  @Test
  void expiredStarterForfeitsRemainderOnce() {
    String workspace = UUID.randomUUID().toString();
    TestEvents.publish(UsageEvents.usage(workspace, "agent-1", 1_000_000));
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> balance(workspace) == STARTER - 1_000_000);

    // Time passes: the starter grant's expiry moves into the past.
    int moved =
        TestDatabase.update(
            "UPDATE credit_entry SET expires_at = now() - interval '1 second'"
                + " WHERE workspace_id = ? AND kind = 'grant' AND source = 'starter'",
            workspace);
    assertEquals(1, moved);

    List<BillingSynced> snapshots =
        SyncedSnapshots.await(workspace, s -> !s.entitlements().gateway());
    BillingSynced last = snapshots.get(snapshots.size() - 1);
    assertEquals(0, last.creditBalanceMicros());
    assertFalse(last.entitlements().start());
    assertEquals(0, balance(workspace));

    // Later checks find the grant handled and forfeit nothing more.
    Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    assertEquals(
        List.of(-4_000_000L),
        TestDatabase.rows(
                "SELECT amount_micros FROM credit_entry WHERE workspace_id = ?"
                    + " AND kind = 'adjustment' AND source = 'expiry'",
                workspace)
            .stream()
            .map(row -> ((Number) row.get("amount_micros")).longValue())
            .toList());
    assertEquals(0, balance(workspace));
  }

  @Test
  void remainderSpendsEarliestExpiryFirst() {
    // Starter 5 expiring, purchase 10 never expiring, 3 spent: 2 of the starter are left.
    assertEquals(2, GrantExpiry.remainder(12, 10, 5));
    // 12 spent: the starter went first, the 3 left belong to the purchase.
    assertEquals(0, GrantExpiry.remainder(3, 10, 5));
    // Nothing spent and no later grant: the whole grant is left.
    assertEquals(5, GrantExpiry.remainder(5, 0, 5));
    // A balance above the grant cannot forfeit more than the grant.
    assertEquals(5, GrantExpiry.remainder(9, 0, 5));
    // A negative balance forfeits nothing.
    assertEquals(0, GrantExpiry.remainder(-4, 0, 5));
  }

  private static long balance(String workspace) {
    return TestDatabase.count(
        "SELECT balance_micros FROM billing_account WHERE workspace_id = ?", workspace);
  }
}
