package dev.roberto.webhook;

import static dev.roberto.webhook.Deliveries.post;
import static dev.roberto.webhook.Deliveries.usage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsageIntakeTest {

  private static final String WORKSPACE = UUID.randomUUID().toString();

  private String agentId;

  @BeforeEach
  void createAgent() {
    agentId = TestAgents.create(WORKSPACE);
  }

  @Test
  void acceptedDeliveryIsStoredAndPublished() throws Exception {
    String eventId =
        post(agentId, usage(100))
            .statusCode(202)
            .body("agentId", equalTo(agentId))
            .body("workspaceId", equalTo(WORKSPACE))
            .body("eventId", notNullValue())
            .extract()
            .path("eventId");

    Map<String, Object> row =
        TestDatabase.rows("SELECT * FROM usage_record WHERE event_id = ?", eventId).get(0);
    assertEquals(100L, row.get("input_tokens"));
    assertEquals(1500L, row.get("cost_micros"));
    assertEquals(
        1L, TestDatabase.count("SELECT count(*) FROM outbox_message WHERE event_id = ?", eventId));

    ConsumerRecord<String, String> record = UsageEvents.await(eventId, TestAgents.PATIENCE);
    assertNotNull(record, "usage-recorded record of " + eventId);
    assertEquals(WORKSPACE, record.key());
    JsonNode event = new ObjectMapper().readTree(record.value());
    assertEquals("webhook", event.get("source").asText());
    assertEquals(agentId, event.get("agentId").asText());
    assertEquals(100, event.get("inputTokens").asLong());
    assertEquals(20, event.get("outputTokens").asLong());
    assertEquals(5, event.get("cachedTokens").asLong());
    assertEquals(1500, event.get("costMicros").asLong());
    assertEquals("gpt-test", event.get("model").asText());
    assertEquals("r-1", event.get("metadata").get("run").asText());
  }

  @Test
  void missingAgentIdIsBadRequest() {
    given()
        .contentType("application/json")
        .body(usage(1))
        .post(Deliveries.USAGE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("agent_id_required"))
        .body("hint", containsString("agentId"));
  }

  @Test
  void unknownAgentIsNotFound() {
    post("agent-" + UUID.randomUUID(), usage(1))
        .statusCode(404)
        .body("code", equalTo("unknown_agent"));
  }

  @Test
  void deletedAgentIsNotFound() {
    TestAgents.delete(agentId, WORKSPACE);

    post(agentId, usage(1)).statusCode(404).body("code", equalTo("unknown_agent"));
  }

  @Test
  void malformedJsonIsBadRequest() {
    post(agentId, "{\"inputTokens\": 1,").statusCode(400).body("code", equalTo("malformed_json"));
  }

  @Test
  void duplicateMemberIsMalformed() {
    post(agentId, "{\"inputTokens\":1,\"inputTokens\":900}")
        .statusCode(400)
        .body("code", equalTo("malformed_json"));
  }

  @Test
  void emptyBodyIsMalformed() {
    post(agentId, "").statusCode(400).body("code", equalTo("malformed_json"));
  }

  @Test
  void invalidFieldsAreEachNamed() {
    String body =
        "{\"inputTokens\":\"12\",\"outputTokens\":-1,\"cachedTokens\":1e400,"
            + "\"costMicros\":99999999999999999999,\"model\":\"m\","
            + "\"occurredAt\":\"yesterday\"}";

    post(agentId, body)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_usage"))
        .body(
            "errors.field",
            containsInAnyOrder(
                "inputTokens", "outputTokens", "cachedTokens", "costMicros", "occurredAt"))
        .body("errors.find { it.field == 'inputTokens' }.message", containsString("not a string"))
        .body("errors.find { it.field == 'outputTokens' }.message", containsString("negative"))
        .body("errors.find { it.field == 'cachedTokens' }.message", containsString("finite"))
        .body("errors.find { it.field == 'costMicros' }.message", containsString("at most"));
    assertEquals(
        0L, TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId));
  }

  @Test
  void missingFieldsAreEachNamed() {
    post(agentId, "{\"inputTokens\":1.5}")
        .statusCode(422)
        .body("code", equalTo("invalid_usage"))
        .body(
            "errors.field",
            containsInAnyOrder(
                "inputTokens", "outputTokens", "cachedTokens", "model", "occurredAt"))
        .body("errors.find { it.field == 'model' }.message", equalTo("is required"))
        .body("errors.find { it.field == 'inputTokens' }.message", containsString("whole"));
  }

  @Test
  void nonObjectBodyIsInvalidUsage() {
    post(agentId, "[1,2]")
        .statusCode(422)
        .body("code", equalTo("invalid_usage"))
        .body("errors.field", hasItem("(body)"));
  }

  @Test
  void oversizedBodyIsRejected() {
    String metadataValue = "x".repeat(70 * 1024);
    String body = usage(1).replace("\"r-1\"", "\"" + metadataValue + "\"");

    post(agentId, body)
        .statusCode(413)
        .contentType("application/problem+json")
        .body("code", equalTo("payload_too_large"));
  }

  @Test
  void oversizedChunkedBodyIsRejected() {
    byte[] body =
        usage(1)
            .replace("\"r-1\"", "\"" + "y".repeat(70 * 1024) + "\"")
            .getBytes(StandardCharsets.UTF_8);

    Deliveries.request(agentId)
        .body(new ByteArrayInputStream(body))
        .post(Deliveries.USAGE)
        .then()
        .statusCode(413)
        .body("code", equalTo("payload_too_large"));
  }

  @Test
  void eachDeliveryWithoutKeyCounts() {
    post(agentId, usage(7)).statusCode(202);
    post(agentId, usage(7)).statusCode(202);

    assertEquals(
        2L, TestDatabase.count("SELECT count(*) FROM usage_record WHERE agent_id = ?", agentId));
  }

  @Test
  void deliveryPublishedExactlyOnce() {
    String eventId = post(agentId, usage(3)).statusCode(202).extract().path("eventId");

    Map<String, Integer> counts = UsageEvents.count(Set.of(eventId), Duration.ofSeconds(30));
    assertEquals(1, counts.getOrDefault(eventId, 0));
  }
}
