package dev.roberto.cli;

import static org.awaitility.Awaitility.await;

import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.kafka.TestEvents;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import dev.roberto.testsupport.runtime.RuntimeServiceSettings;
import dev.roberto.testsupport.service.ServiceApplication;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real runtime-service in a child JVM, a login of the test workspace's owner stored where the
 * CLI reads it, and the workspace's entitlements set with {@code billing-synced} events.
 */
final class RuntimeServiceFixture {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Snapshot versions only grow; this one starts above any a test run can have stored. */
  private static final AtomicLong VERSION = new AtomicLong(System.currentTimeMillis());

  private static ServiceApplication runtimeService;

  private RuntimeServiceFixture() {}

  /** Returns runtime-service, starting it on first use; it stops when the test JVM exits. */
  static synchronized ServiceApplication runtimeService() {
    if (runtimeService == null) {
      runtimeService =
          ServiceApplication.start("runtime-service", RuntimeServiceSettings.required());
    }
    return runtimeService;
  }

  /**
   * Stores a login of the owner in the auth store under {@code configHome}, with runtime-service as
   * the control plane's runtime service, as {@code roberto auth login} would after discovery.
   */
  static StoredLogin storeOwnerLogin(Path configHome) {
    return storeLogin(configHome, "owner");
  }

  /**
   * Stores a login of the test workspace's person with the role (owner, admin or member), in the
   * same way as {@link #storeOwnerLogin}.
   */
  static StoredLogin storeLogin(Path configHome, String role) {
    String authUrl = AuthServiceProcess.shared().url();
    DeviceLogin.Tokens tokens = TestUsers.login(role);
    StoredLogin login =
        new StoredLogin(
            authUrl,
            tokens.accessToken(),
            tokens.refreshToken(),
            Instant.now().plusSeconds(tokens.expiresIn()).toString(),
            role.equals("owner") ? AuthServiceProcess.OWNER_EMAIL : TestUsers.emailOf(role),
            TestUsers.workspaceId(),
            "cli",
            Map.of("auth", authUrl, "runtime", runtimeService().url()));
    new AuthStore(configHome.resolve("roberto")).save(login);
    return login;
  }

  /** Publishes the test workspace's entitlements and waits until runtime-service stored them. */
  static void entitle(Entitlements entitlements) {
    String workspaceId = TestUsers.workspaceId();
    long version = VERSION.incrementAndGet();
    TestEvents.publish(TestEvents.billingSynced(workspaceId, version, entitlements, 1_000_000));
    await().atMost(PATIENCE).until(() -> storedVersion(workspaceId) == version);
  }

  private static long storedVersion(String workspaceId) throws SQLException {
    PostgresServer postgres = Postgres.shared();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(runtimeService().database()),
                postgres.user(),
                postgres.password());
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
