package dev.roberto.webhook;

import static dev.roberto.webhook.Deliveries.postWithKey;
import static dev.roberto.webhook.Deliveries.usage;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

  private static final String WORKSPACE = UUID.randomUUID().toString();

  private String agentId;
  private String key;

  @BeforeEach
  void createAgent() {
    agentId = TestAgents.create(WORKSPACE);
    key = "key-" + UUID.randomUUID();
  }

  @Test
  void retryGetsFirstAnswerAndCountsOnce() {
    String body = usage(42);
    String first =
        postWithKey(agentId, key, body)
            .statusCode(202)
            .header("x-idempotency-replayed", nullValue())
            .extract()
            .path("eventId");

    postWithKey(agentId, key, body)
        .statusCode(202)
        .header("x-idempotency-replayed", equalTo("true"))
        .body("eventId", equalTo(first));

    assertEquals(1L, usageCount(agentId));
    assertEquals(
        1L, TestDatabase.count("SELECT count(*) FROM outbox_message WHERE event_id = ?", first));
  }

  @Test
  void sameKeyWithOtherBodyIsRejected() {
    postWithKey(agentId, key, usage(1)).statusCode(202);

    postWithKey(agentId, key, usage(2))
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("idempotency_key_reused"));
    assertEquals(1L, usageCount(agentId));
  }

  @Test
  void sameKeyOfTwoAgentsCountsForEach() {
    String otherAgent = TestAgents.create(WORKSPACE);
    String body = usage(5);

    String first = postWithKey(agentId, key, body).statusCode(202).extract().path("eventId");
    String second =
        postWithKey(otherAgent, key, body)
            .statusCode(202)
            .header("x-idempotency-replayed", nullValue())
            .extract()
            .path("eventId");

    assertNotEquals(first, second);
    assertEquals(1L, usageCount(agentId));
    assertEquals(1L, usageCount(otherAgent));
  }

  @Test
  void retryWhileFirstInFlightIsConflict() throws Exception {
    // Another replica's transaction that claimed this key and has not committed yet holds the
    // same advisory lock that the service takes.
    try (Connection replica = connect()) {
      replica.setAutoCommit(false);
      try (PreparedStatement lock =
          replica.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        lock.setString(1, agentId + "\n" + key);
        lock.execute();
      }

      postWithKey(agentId, key, usage(9))
          .statusCode(409)
          .contentType("application/problem+json")
          .body("code", equalTo("idempotency_key_in_use"));

      replica.rollback();
    }

    postWithKey(agentId, key, usage(9))
        .statusCode(202)
        .header("x-idempotency-replayed", nullValue());
    assertEquals(1L, usageCount(agentId));
  }

  @Test
  void concurrentRetriesCountOnce() throws Exception {
    String body = usage(11);
    List<CompletableFuture<Integer>> sends = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sends.add(
          CompletableFuture.supplyAsync(
              () -> postWithKey(agentId, key, body).extract().statusCode()));
    }
    for (var send : sends) {
      int status = send.get();
      assertTrue(status == 202 || status == 409, "status " + status);
    }

    assertEquals(1L, usageCount(agentId));
  }

  @Test
  void expiredKeyCountsAgain() {
    String body = usage(3);
    postWithKey(agentId, key, body).statusCode(202);
    TestDatabase.update(
        "UPDATE idempotency_record SET created_at = now() - interval '25 hours'"
            + " WHERE agent_id = ?",
        agentId);

    postWithKey(agentId, key, body).statusCode(202).header("x-idempotency-replayed", nullValue());
    assertEquals(2L, usageCount(agentId));
  }

  @Test
  void rejectedDeliveryDoesNotClaimKey() {
    postWithKey(agentId, key, "{\"inputTokens\":\"1\"}").statusCode(422);

    postWithKey(agentId, key, usage(1))
        .statusCode(202)
        .header("x-idempotency-replayed", nullValue());
  }

  @Test
  void overlongKeyIsRejected() {
    postWithKey(agentId, "k".repeat(256), usage(1))
        .statusCode(400)
        .body("code", equalTo("invalid_idempotency_key"));
    postWithKey(agentId, "k".repeat(255), usage(1)).statusCode(202);
  }

  private static long usageCount(String agentId) {
    return TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId);
  }

  private static Connection connect() throws Exception {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }
}
