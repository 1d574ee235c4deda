package dev.roberto.common.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.events.EventCodec;
import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier against failures produced for real by the reactive PostgreSQL client and the JDBC
 * driver, on the shared test server and on a closed loopback port.
 */
class DatabaseOutageTest {

  private static Vertx vertx;
  private static PostgresServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = Postgres.shared();
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void connectionRefusedIsOutage() {
    Throwable refused = failure(PgConnection.connect(vertx, options("127.0.0.1", closedPort())));

    assertTrue(refused instanceof java.net.ConnectException, refused.toString());
    assertTrue(DatabaseOutage.isCause(refused));
    assertTrue(DatabaseOutage.isCause(new CompletionException(refused)));
  }

  @Test
  void terminatedConnectionIsOutage() throws Exception {
    SqlConnection connection =
        await(PgConnection.connect(vertx, options(server.host(), server.port())));

    Throwable terminated =
        failure(connection.query("SELECT pg_terminate_backend(pg_backend_pid())").execute());
    Throwable reused = failure(connection.query("SELECT 1").execute());

    assertTrue(DatabaseOutage.isCause(terminated), terminated.toString());
    assertTrue(DatabaseOutage.isCause(reused), reused.toString());
  }

  @Test
  void poolAcquisitionTimeoutIsOutage() throws Exception {
    Pool pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(1)
                    .setConnectionTimeout(200)
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
            .connectingTo(options(server.host(), server.port()))
            .using(vertx)
            .build();
    try {
      SqlConnection held = await(pool.getConnection());
      Throwable timedOut = failure(pool.getConnection());
      held.close();

      assertTrue(DatabaseOutage.isCause(timedOut), timedOut.toString());
    } finally {
      pool.close();
    }
  }

  @Test
  void serverGoingAwayIsOutage() {
    // The errors PostgreSQL sends to open sessions when it stops, and to new ones while it shuts
    // down or starts up.
    assertTrue(
        DatabaseOutage.isCause(
            new PgException(
                "terminating connection due to administrator command", "FATAL", "57P01", null)));
    assertTrue(
        DatabaseOutage.isCause(
            new PgException("the database system is shutting down", "FATAL", "57P03", null)));
    assertTrue(
        DatabaseOutage.isCause(
            new PgException("the database system is starting up", "FATAL", "57P03", null)));
    assertTrue(
        DatabaseOutage.isCause(
            new PgException("connection failure", "FATAL", "08006", "broken pipe")));
  }

  @Test
  void jdbcConnectionRefusedIsOutage() {
    int port = closedPort();
    java.sql.SQLException refused =
        assertThrows(
            java.sql.SQLException.class,
            () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/x"));

    assertTrue(DatabaseOutage.isCause(refused), refused.toString());
  }

  @Test
  void statementErrorsAreNotOutage() throws Exception {
    SqlConnection connection =
        await(PgConnection.connect(vertx, options(server.host(), server.port())));
    try {
      await(connection.query("CREATE TEMP TABLE probe (id INT PRIMARY KEY)").execute());
      Throwable duplicate =
          failure(connection.query("INSERT INTO probe VALUES (1), (1)").execute());
      Throwable syntax = failure(connection.query("SELEC 1").execute());

      assertTrue(duplicate instanceof PgException, duplicate.toString());
      assertFalse(DatabaseOutage.isCause(duplicate));
      assertFalse(DatabaseOutage.isCause(syntax));
    } finally {
      connection.close();
    }
  }

  @Test
  void unreadableEventIsNotOutage() {
    RuntimeException unreadable =
        assertThrows(
            RuntimeException.class, () -> EventCodec.fromJson("{not json", UsageRecorded.class));

    assertFalse(DatabaseOutage.isCause(unreadable));
    assertFalse(DatabaseOutage.isCause(new IllegalArgumentException("no workspaceId")));
  }

  @Test
  void describeNamesTheOutageCause() {
    Throwable refused = failure(PgConnection.connect(vertx, options("127.0.0.1", closedPort())));

    String described = DatabaseOutage.describe(new IllegalStateException("wrapper", refused));

    assertTrue(described.contains("Connection refused"), described);
    assertFalse(described.contains("wrapper"), described);
  }

  private static PgConnectOptions options(String host, int port) {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setUser(server.user())
        .setPassword(server.password())
        .setDatabase("postgres");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Waits for the future to fail and returns its failure. */
  private static Throwable failure(Future<?> future) {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> await(future));
    assertNotNull(failed.getCause());
    return failed.getCause();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port", e);
    }
  }
}
