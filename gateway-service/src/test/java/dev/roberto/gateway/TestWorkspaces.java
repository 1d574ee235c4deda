package dev.roberto.gateway;

import static org.awaitility.Awaitility.await;

import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import dev.roberto.testsupport.kafka.TestEvents;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Workspaces whose entitlements arrive the way billing announces them: {@code billing-synced}. */
final class TestWorkspaces {

  private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());

  private TestWorkspaces() {}

  /** Returns a new workspace id whose billing allows gateway calls with a large balance. */
  static String withGateway() {
    String workspaceId = UUID.randomUUID().toString();
    sync(workspaceId, true, 1_000_000_000_000L);
    return workspaceId;
  }

  /** Publishes a snapshot of the workspace and waits until the service has stored it. */
  static void sync(String workspaceId, boolean gateway, long creditBalanceMicros) {
    long version = VERSIONS.incrementAndGet();
    TestEvents.publish(
        TestEvents.billingSynced(
            workspaceId,
            version,
            new Entitlements(true, true, gateway, true),
            creditBalanceMicros));
    await()
        .atMost(TestAgents.PATIENCE)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM workspace_billing WHERE workspace_id = ? AND version"
                            + " = ?",
                        workspaceId,
                        version)
                    == 1);
  }
}
