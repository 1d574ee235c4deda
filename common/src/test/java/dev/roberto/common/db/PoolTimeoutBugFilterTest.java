package dev.roberto.common.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The log filter against the failure that the Vert.x SQL client really reports. */
class PoolTimeoutBugFilterTest {

  @Test
  void lateTimerFailureOfPoolIsDropped() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    vertx.exceptionHandler(uncaught::add);
    Pool pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setConnectionTimeout(300)
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
            .connectingTo(
                new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort()).setUser("x"))
            .using(vertx)
            .build();
    try {
      pool.query("SELECT 1").execute();
      await().atMost(Duration.ofSeconds(30)).until(() -> !uncaught.isEmpty());
    } finally {
      pool.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    LogRecord report = new LogRecord(Level.SEVERE, "Uncaught exception received by Vert.x");
    report.setThrown(uncaught.get(0));
    assertFalse(new PoolTimeoutBugFilter().isLoggable(report), uncaught.get(0).toString());
  }

  @Test
  void otherFailuresAreKept() {
    LogRecord sameMessage = new LogRecord(Level.SEVERE, "Uncaught exception received by Vert.x");
    sameMessage.setThrown(new IllegalStateException("Result is already complete"));
    LogRecord plain = new LogRecord(Level.WARNING, "Outbox relay run failed");

    assertTrue(new PoolTimeoutBugFilter().isLoggable(sameMessage));
    assertTrue(new PoolTimeoutBugFilter().isLoggable(plain));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port", e);
    }
  }
}
