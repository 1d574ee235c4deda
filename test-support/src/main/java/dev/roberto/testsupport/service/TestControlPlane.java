package dev.roberto.testsupport.service;

import dev.roberto.events.AgentChanged;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.kafka.TestEvents;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A control plane for clients under test, such as the CLI and the MCP server: built services in
 * child JVMs, and an auth-service replica whose {@code /.well-known/roberto} lists them. The
 * replica shares the database and issuer of {@link AuthServiceProcess#shared()}, so its URL works
 * as the control plane URL, and tokens from either check at every service.
 *
 * <p>Clients discover the services from the replica's URL, {@link #url()}. The discovery document
 * names the shared auth-service (the issuer) as the {@code auth} service.
 */
public final class TestControlPlane {

  private static final Duration AGENT_PATIENCE = Duration.ofSeconds(30);

  private final AuthServiceProcess discovery;
  private final Map<String, ServiceApplication> services;

  private TestControlPlane(AuthServiceProcess discovery, Map<String, ServiceApplication> services) {
    this.discovery = discovery;
    this.services = services;
  }

  /**
   * Starts each service with its settings (module name to settings, such as {@code
   * "billing-service"} to its Stripe settings), then the auth-service replica that lists them.
   */
  public static TestControlPlane start(Map<String, Map<String, String>> modules) {
    Map<String, ServiceApplication> services = new LinkedHashMap<>();
    Map<String, String> discoverySettings = new LinkedHashMap<>();
    modules.forEach(
        (module, settings) -> {
          ServiceApplication service = ServiceApplication.start(module, settings);
          services.put(module, service);
          discoverySettings.put(
              "roberto.discovery." + module.replace("-service", "") + "-url", service.url());
        });
    AuthServiceProcess discovery = AuthServiceProcess.shared().startReplica(discoverySettings);
    return new TestControlPlane(discovery, services);
  }

  /** Returns the control plane URL to give a client: the replica that lists the services. */
  public String url() {
    return discovery.url();
  }

  /** Returns the started service of the module. */
  public ServiceApplication service(String module) {
    ServiceApplication service = services.get(module);
    if (service == null) {
      throw new IllegalArgumentException(module + " was not started in this control plane");
    }
    return service;
  }

  /**
   * Publishes a new agent of the workspace on {@code agent-changed}, as runtime-service announces
   * one, and waits until every started service that keeps the agent read model ({@code
   * known_agent}) has stored it. Returns the agent's id.
   */
  public String createAgent(String workspaceId) {
    String agentId = "agent-" + UUID.randomUUID();
    TestEvents.publish(
        TestEvents.agentChanged(agentId, workspaceId, AgentChanged.Change.CREATED, 1));
    for (ServiceApplication service : services.values()) {
      awaitKnownAgent(service, agentId);
    }
    return agentId;
  }

  /** Stops the replica and the services, dropping their databases. */
  public void stop() {
    discovery.stop();
    List.copyOf(services.values()).forEach(ServiceApplication::stop);
  }

  private static void awaitKnownAgent(ServiceApplication service, String agentId) {
    Instant deadline = Instant.now().plus(AGENT_PATIENCE);
    PostgresServer postgres = Postgres.shared();
    try (Connection connection =
        DriverManager.getConnection(
            postgres.jdbcUrl(service.database()), postgres.user(), postgres.password())) {
      if (!hasKnownAgentTable(connection)) {
        return;
      }
      while (Instant.now().isBefore(deadline)) {
        if (knowsAgent(connection, agentId)) {
          return;
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the agents of " + service.url() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for agent " + agentId, e);
    }
    throw new IllegalStateException(
        "The service at "
            + service.url()
            + " did not store agent "
            + agentId
            + " within "
            + AGENT_PATIENCE
            + "; see "
            + service.logFile());
  }

  private static boolean hasKnownAgentTable(Connection connection) throws SQLException {
    try (ResultSet tables = connection.getMetaData().getTables(null, null, "known_agent", null)) {
      return tables.next();
    }
  }

  private static boolean knowsAgent(Connection connection, String agentId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT count(*) FROM known_agent WHERE agent_id = ?")) {
      query.setString(1, agentId);
      try (ResultSet result = query.executeQuery()) {
        return result.next() && result.getLong(1) > 0;
      }
    }
  }
}
