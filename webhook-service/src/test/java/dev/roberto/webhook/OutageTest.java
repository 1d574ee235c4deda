package dev.roberto.webhook;

import static dev.roberto.webhook.Deliveries.postWithKey;
import static dev.roberto.webhook.Deliveries.usage;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.KafkaBroker;
import dev.roberto.testsupport.kafka.TestAgents;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deliveries while Kafka or PostgreSQL is down. */
@QuarkusTest
class OutageTest {

  private static final String WORKSPACE = UUID.randomUUID().toString();
  private static final int DELIVERIES = 5;

  @Test
  void deliveriesDuringKafkaOutageArePublishedOnceAfterwards() {
    String agentId = TestAgents.create(WORKSPACE);
    Set<String> eventIds = new LinkedHashSet<>();
    String firstBody = usage(0);

    KafkaBroker.shared().stop();
    try {
      for (int i = 0; i < DELIVERIES; i++) {
        eventIds.add(
            postWithKey(agentId, "outage-" + i, i == 0 ? firstBody : usage(i))
                .statusCode(202)
                .extract()
                .<String>path("eventId"));
      }
      // A retry during the outage gets the stored response from PostgreSQL and adds nothing.
      postWithKey(agentId, "outage-0", firstBody)
          .statusCode(202)
          .header("x-idempotency-replayed", equalTo("true"));
    } finally {
      KafkaBroker.shared().start();
    }

    Map<String, Integer> counts = UsageEvents.count(eventIds, Duration.ofSeconds(90));
    for (String eventId : eventIds) {
      assertEquals(1, counts.getOrDefault(eventId, 0), "records of usage " + eventId);
    }
    assertEquals(DELIVERIES, eventIds.size());
  }

  @Test
  void databaseOutageIsRetryableAndWritesNothing() {
    String agentId = TestAgents.create(WORKSPACE);
    String body = usage(77);

    DatabaseLink.shared().cut();
    try {
      postWithKey(agentId, "db-outage", body)
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", notNullValue())
          .body("code", equalTo("database_unavailable"));
    } finally {
      DatabaseLink.shared().restore();
    }

    assertEquals(
        0L, TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId));
    assertEquals(
        0L,
        TestDatabase.count("SELECT count(*) FROM idempotency_record WHERE agent_id = ?", agentId));
    await()
        .atMost(TestAgents.PATIENCE)
        .until(() -> postWithKey(agentId, "db-outage", body).extract().statusCode() == 202);
    assertEquals(
        1L, TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId));
  }
}
