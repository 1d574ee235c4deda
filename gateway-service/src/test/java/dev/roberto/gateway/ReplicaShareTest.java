package dev.roberto.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.gateway.replica.LiveReplicas;
import dev.roberto.testsupport.LogCapture;
import dev.roberto.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The per-agent rate limit split among the live gateway replicas. The test plays a second replica
 * by writing its heartbeat row into {@code gateway_replica}, as that replica would, and runs this
 * replica's heartbeat at once instead of waiting for the scheduler.
 */
@QuarkusTest
@TestProfile(ReplicaShareTest.LowLimit.class)
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaShareTest {

  static final int LIMIT = 6;

  /** Seconds until one request is allowed again at the full limit: 60 / 6. */
  static final int FULL_LIMIT_TOKEN_SECONDS = 10;

  /** Seconds until one request is allowed again at half the limit: 60 / 3. */
  static final int HALF_LIMIT_TOKEN_SECONDS = 20;

  /**
   * A limit of 6 requests a minute, and an expiry long enough that the other replica's row stays
   * live for the whole test until the test ages it.
   */
  public static class LowLimit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "roberto.gateway.limits.requests-per-minute",
          Integer.toString(LIMIT),
          "roberto.gateway.replicas.expiry",
          "PT1M");
    }
  }

  @Inject LiveReplicas replicas;

  @BeforeEach
  void setUp() {
    GatewayFixture.allowGateway();
    TestDatabase.update("DELETE FROM gateway_replica WHERE id <> ?", replicas.id());
    heartbeat();
  }

  @Test
  @Order(1)
  void limitIsSplitAmongLiveReplicas() {
    assertEquals(1, liveRows(replicas.id()), "this replica's heartbeat row");

    GatewayFixture first = GatewayFixture.create();
    Response limited = exhaust(first, LIMIT);
    assertRetryAfterBetween(limited, 1, FULL_LIMIT_TOKEN_SECONDS);

    String other = insertOtherReplica();
    heartbeat();
    GatewayFixture second = GatewayFixture.create();
    limited = exhaust(second, LIMIT / 2);
    // Holds while the 4 calls above take less than 10 s, the time of one token at the full limit.
    assertRetryAfterBetween(limited, FULL_LIMIT_TOKEN_SECONDS + 1, HALF_LIMIT_TOKEN_SECONDS);
    given()
        .accept("text/plain")
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("roberto_gateway_live_replicas 2.0"));
    // The first agent's empty bucket takes the smaller capacity without being refilled.
    limited = listModels(first).then().statusCode(429).extract().response();
    assertRetryAfterBetween(limited, 1, HALF_LIMIT_TOKEN_SECONDS);

    TestDatabase.update(
        "UPDATE gateway_replica SET seen_at = now() - interval '2 minutes' WHERE id = ?", other);
    heartbeat();
    GatewayFixture third = GatewayFixture.create();
    limited = exhaust(third, LIMIT);
    assertRetryAfterBetween(limited, 1, FULL_LIMIT_TOKEN_SECONDS);
    assertEquals(0, rows(other), "the expired row is deleted");
  }

  @Test
  @Order(2)
  void failedHeartbeatKeepsLastCount() {
    insertOtherReplica();
    heartbeat();
    GatewayFixture agent = GatewayFixture.create();
    LogCapture logs = new LogCapture();
    logs.start();
    try {
      TestDatabase.update("ALTER TABLE gateway_replica RENAME TO gateway_replica_away");
      try {
        heartbeat();
        heartbeat();
        exhaust(agent, LIMIT / 2);
      } finally {
        TestDatabase.update("ALTER TABLE gateway_replica_away RENAME TO gateway_replica");
      }
      heartbeat();
    } finally {
      logs.stop();
    }

    List<String> warnings =
        logs.records().stream()
            .filter(record -> record.getLevel().intValue() == Level.WARNING.intValue())
            .map(ReplicaShareTest::text)
            .filter(message -> message.contains("heartbeat failed"))
            .toList();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("count of 2 live replicas"), warnings.get(0));
    assertTrue(
        logs.records().stream().anyMatch(record -> text(record).contains("succeeded again")),
        "no log that the heartbeat works again");
  }

  /** Runs last, because this replica sends no heartbeats after it left. */
  @Test
  @Order(3)
  void leavingReplicaDeletesItsRow() {
    assertEquals(1, rows(replicas.id()));

    replicas.leave();

    assertEquals(0, rows(replicas.id()));
    heartbeat();
    assertEquals(0, rows(replicas.id()), "a heartbeat after leaving wrote the row again");
  }

  void heartbeat() {
    replicas.heartbeat().await().atMost(Duration.ofSeconds(30));
  }

  /** Writes a heartbeat row of another replica, seen now, and returns its id. */
  static String insertOtherReplica() {
    String id = UUID.randomUUID().toString();
    TestDatabase.update("INSERT INTO gateway_replica (id, seen_at) VALUES (?, now())", id);
    return id;
  }

  static long rows(String replicaId) {
    return TestDatabase.count("SELECT count(*) FROM gateway_replica WHERE id = ?", replicaId);
  }

  static long liveRows(String replicaId) {
    return TestDatabase.count(
        "SELECT count(*) FROM gateway_replica WHERE id = ? AND seen_at > now() - interval '1 minute'",
        replicaId);
  }

  static Response listModels(GatewayFixture agent) {
    return given().header("Authorization", "Bearer " + agent.token()).get("/api/gateway/v1/models");
  }

  /** Sends the allowed number of calls, each expecting 200, and returns the next call's 429. */
  static Response exhaust(GatewayFixture agent, int allowed) {
    for (int i = 0; i < allowed; i++) {
      listModels(agent).then().statusCode(200);
    }
    return listModels(agent)
        .then()
        .statusCode(429)
        .body("code", equalTo("rate_limited"))
        .extract()
        .response();
  }

  static void assertRetryAfterBetween(Response limited, int min, int max) {
    int seconds = Integer.parseInt(limited.header("Retry-After"));
    assertTrue(seconds >= min, "Retry-After " + seconds + " is below " + min);
    assertTrue(seconds <= max, "Retry-After " + seconds + " is above " + max);
  }

  /** Returns the record's message with its parameters filled in. */
  static String text(LogRecord record) {
    return record instanceof ExtLogRecord extended
        ? extended.getFormattedMessage()
        : record.getMessage();
  }
}
