package dev.roberto.runtime;

import static org.awaitility.Awaitility.await;

import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sets a workspace's entitlements the way billing-service does, with a {@code billing-synced} event
 * on the real broker, and waits until runtime-service has stored the snapshot.
 */
public final class TestBilling {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Entitlements ALL = new Entitlements(true, true, true, true);

  /** Snapshot versions only grow; this one starts above any a test run can have stored. */
  private static final AtomicLong VERSION = new AtomicLong(System.currentTimeMillis());

  private TestBilling() {}

  /** Publishes a snapshot with the entitlements and waits until it is stored. */
  public static void entitle(String workspaceId, Entitlements entitlements) {
    long version = VERSION.incrementAndGet();
    TestEvents.publish(TestEvents.billingSynced(workspaceId, version, entitlements, 1_000_000));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM workspace_billing"
                            + " WHERE workspace_id = ? AND version = ?",
                        workspaceId,
                        version)
                    == 1);
  }

  /** Makes sure the workspace may do everything, publishing a snapshot only when needed. */
  public static void allowAll(String workspaceId) {
    List<Map<String, Object>> rows =
        TestDatabase.rows(
            "SELECT may_provision, may_start FROM workspace_billing WHERE workspace_id = ?",
            workspaceId);
    boolean allowed =
        !rows.isEmpty()
            && Boolean.TRUE.equals(rows.get(0).get("may_provision"))
            && Boolean.TRUE.equals(rows.get(0).get("may_start"));
    if (!allowed) {
      entitle(workspaceId, ALL);
    }
  }
}
