package dev.roberto.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.gateway.usage.UsageMeter;
import dev.roberto.gateway.usage.UsageRecorder;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;

/**
 * An agent with a gateway token in a workspace whose billing allows the gateway. Needs the test to
 * run as a member of {@link #WORKSPACE} (TestSecurity with the workspace claim).
 */
record GatewayFixture(String agentId, String token) {

  static final String WORKSPACE = "7d2f5e3a-0b1c-4e3a-9c73-9f3a00000001";

  static GatewayFixture create() {
    String agentId = TestAgents.create(WORKSPACE);
    String token =
        given()
            .post(GatewayCredentialResourceTest.credentialsPath(agentId))
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    return new GatewayFixture(agentId, token);
  }

  /** A completed gpt-test call of this agent, as the proxy hands it to the usage recorder. */
  UsageRecorder.Call completedCall(String requestId) throws Exception {
    UsageMeter meter = new UsageMeter(100);
    meter.openAiUsage(
        new ObjectMapper()
            .readTree(
                "{\"prompt_tokens\":12,\"completion_tokens\":5,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":2}}"));
    return new UsageRecorder.Call(
        requestId, agentId, WORKSPACE, "primary", "gpt-test", meter, 15, "completed");
  }

  static void allowGateway() {
    TestWorkspaces.sync(WORKSPACE, true, 1_000_000_000_000L);
  }

  static String baseUrl() {
    return RestAssured.baseURI + ":" + RestAssured.port + "/api/gateway";
  }

  /** Waits for the usage row of the call and returns it. */
  static Map<String, Object> awaitUsage(String requestId) {
    await()
        .atMost(TestAgents.PATIENCE)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM gateway_usage WHERE event_id = ?", requestId)
                    == 1);
    return TestDatabase.rows("SELECT * FROM gateway_usage WHERE event_id = ?", requestId).get(0);
  }

  /** Waits until the service's Prometheus metrics contain the line, such as {@code "name 1.0"}. */
  static void awaitMetric(String line) {
    await()
        .atMost(TestAgents.PATIENCE)
        .until(() -> given().accept("text/plain").get("/q/metrics").asString().contains(line));
  }

  /** Returns the outbox payloads of usage events of the agent. */
  static List<Map<String, Object>> usageEvents(String eventId) {
    return TestDatabase.rows(
        "SELECT payload FROM outbox_message WHERE topic = 'usage-recorded' AND event_id = ?",
        eventId);
  }
}
