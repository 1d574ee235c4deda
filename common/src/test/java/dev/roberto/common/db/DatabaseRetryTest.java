package dev.roberto.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.events.EventCodec;
import dev.roberto.events.UsageRecorded;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The retry helper with a real connection failure of the reactive PostgreSQL client. */
class DatabaseRetryTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static Throwable connectionRefused;

  @BeforeAll
  static void captureConnectionRefused() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PgConnectOptions closed =
          new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort()).setUser("postgres");
      ExecutionException failed =
          assertThrows(
              ExecutionException.class,
              () ->
                  PgConnection.connect(vertx, closed)
                      .toCompletionStage()
                      .toCompletableFuture()
                      .get(30, TimeUnit.SECONDS));
      connectionRefused = failed.getCause();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void outageIsRetriedUntilWorkSucceeds() {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        DatabaseRetry.untilAvailable(
                "Test work",
                () ->
                    attempts.incrementAndGet() <= 2
                        ? Uni.createFrom().failure(connectionRefused)
                        : Uni.createFrom().item("applied"))
            .await()
            .atMost(PATIENCE);

    assertEquals("applied", result);
    assertEquals(3, attempts.get());
  }

  @Test
  void parseFailureIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                DatabaseRetry.untilAvailable(
                        "Test work",
                        () -> {
                          attempts.incrementAndGet();
                          return Uni.createFrom()
                              .item(EventCodec.fromJson("{not json", UsageRecorded.class));
                        })
                    .await()
                    .atMost(PATIENCE));

    assertEquals(1, attempts.get());
    assertFalse(DatabaseOutage.isCause(failure), failure.toString());
  }

  @Test
  void failureOtherThanOutageEndsWork() {
    AtomicInteger attempts = new AtomicInteger();
    IllegalStateException rejected = new IllegalStateException("invalid state");

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                DatabaseRetry.untilAvailable(
                        "Test work",
                        () ->
                            attempts.incrementAndGet() == 1
                                ? Uni.createFrom().<String>failure(connectionRefused)
                                : Uni.createFrom().<String>failure(rejected))
                    .await()
                    .atMost(PATIENCE));

    assertSame(rejected, failure);
    assertEquals(2, attempts.get());
  }

  @Test
  void boundedRetryGivesUpWithOutage() {
    AtomicInteger attempts = new AtomicInteger();

    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                DatabaseRetry.untilAvailable(
                        "Test work",
                        Duration.ofSeconds(2),
                        () -> {
                          attempts.incrementAndGet();
                          return Uni.createFrom().<String>failure(connectionRefused);
                        })
                    .await()
                    .atMost(PATIENCE));

    assertTrue(attempts.get() >= 2, "attempts: " + attempts.get());
    assertTrue(DatabaseOutage.isCause(failure), failure.toString());
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port", e);
    }
  }
}
