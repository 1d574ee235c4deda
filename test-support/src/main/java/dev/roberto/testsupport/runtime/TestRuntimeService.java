package dev.roberto.testsupport.runtime;

import static org.awaitility.Awaitility.await;

import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.kafka.TestEvents;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import dev.roberto.testsupport.service.ServiceApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real runtime-service in a child JVM, shared by the tests of one JVM, and the test workspace's
 * entitlements set with {@code billing-synced} events. The module whose tests use it declares a
 * test dependency on runtime-service with {@code <type>pom</type>}.
 */
public final class TestRuntimeService {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Snapshot versions only grow; this one starts above any a test run can have stored. */
  private static final AtomicLong VERSION = new AtomicLong(System.currentTimeMillis());

  private static ServiceApplication shared;

  private TestRuntimeService() {}

  /** Returns runtime-service, starting it on first use; it stops when the test JVM exits. */
  public static synchronized ServiceApplication shared() {
    if (shared == null) {
      shared = ServiceApplication.start("runtime-service", RuntimeServiceSettings.required());
    }
    return shared;
  }

  /** Publishes the test workspace's entitlements and waits until runtime-service stored them. */
  public static void entitle(Entitlements entitlements) {
    String workspaceId = TestUsers.workspaceId();
    long version = VERSION.incrementAndGet();
    TestEvents.publish(TestEvents.billingSynced(workspaceId, version, entitlements, 1_000_000));
    await().atMost(PATIENCE).until(() -> storedVersion(workspaceId) == version);
  }

  private static long storedVersion(String workspaceId) throws SQLException {
    PostgresServer postgres = Postgres.shared();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(shared().database()), postgres.user(), postgres.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT version FROM workspace_billing WHERE workspace_id = ?")) {
      query.setString(1, workspaceId);
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getLong(1) : -1;
      }
    }
  }
}
