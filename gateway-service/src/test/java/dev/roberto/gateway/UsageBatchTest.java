package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.gateway.usage.UsageRecorder;
import dev.roberto.gateway.usage.WorkspaceSpend;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage of many calls that finish together, which the recorder writes in shared batches. */
@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class UsageBatchTest {

  private static final int CALLS = 40;

  @Inject UsageRecorder recorder;

  @Inject WorkspaceSpend spend;

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
  }

  @AfterEach
  void restoreDatabase() {
    DatabaseLink.shared().restore();
  }

  @Test
  void concurrentCallsAreEachCountedOnce() throws Exception {
    Instant before = Instant.now();
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test")).withFixedDelay(300)));
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(client.sendAsync(chatRequest(), HttpResponse.BodyHandlers.ofString()));
    }

    Set<String> requestIds = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.body());
      requestIds.add(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
    assertEquals(CALLS, requestIds.size());
    await().atMost(TestAgents.PATIENCE).until(() -> usageRowsOfAgent() == CALLS);
    assertEquals(
        60L * CALLS,
        TestDatabase.count(
            "SELECT sum(cost_micros) FROM gateway_usage WHERE agent_id = ?", fixture.agentId()));
    for (String requestId : requestIds) {
      assertEquals(1, GatewayFixture.usageEvents(requestId).size(), requestId);
    }
    assertEquals(60L * CALLS, spentSince(before), "what the credit check counts as spent");
  }

  @Test
  void batchWithRepeatedEventIdCountsItOnce() throws Exception {
    Instant before = Instant.now();
    UsageRecorder.Call waiting = fixture.completedCall(UUID.randomUUID().toString());
    UsageRecorder.Call repeated = fixture.completedCall(UUID.randomUUID().toString());
    UsageRecorder.Call other = fixture.completedCall(UUID.randomUUID().toString());

    // While the first call's batch waits for the database, the next three queue up behind it and
    // are written together in the following batch.
    DatabaseLink.shared().cut();
    CompletableFuture<Long> first = recorder.record(waiting).subscribeAsCompletionStage();
    List<CompletableFuture<Long>> queued =
        List.of(
            recorder.record(repeated).subscribeAsCompletionStage(),
            recorder.record(repeated).subscribeAsCompletionStage(),
            recorder.record(other).subscribeAsCompletionStage());
    DatabaseLink.shared().restore();

    assertEquals(60L, first.get(60, TimeUnit.SECONDS));
    for (CompletableFuture<Long> cost : queued) {
      assertEquals(60L, cost.get(60, TimeUnit.SECONDS));
    }
    for (UsageRecorder.Call call : List.of(waiting, repeated, other)) {
      assertEquals(1L, usageRows(call.requestId()), call.requestId());
      assertEquals(1, GatewayFixture.usageEvents(call.requestId()).size(), call.requestId());
    }
    assertEquals(3 * 60L, spentSince(before), "what the credit check counts as spent");
  }

  private long spentSince(Instant instant) throws Exception {
    return spend
        .spentSince(GatewayFixture.WORKSPACE, instant)
        .subscribeAsCompletionStage()
        .get(30, TimeUnit.SECONDS);
  }

  private HttpRequest chatRequest() {
    return HttpRequest.newBuilder(URI.create(GatewayFixture.baseUrl() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + fixture.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(GatewayProxyTest.chatBody("gpt-test")))
        .build();
  }

  private long usageRowsOfAgent() {
    return TestDatabase.count(
        "SELECT count(*) FROM gateway_usage WHERE agent_id = ?", fixture.agentId());
  }

  private static long usageRows(String requestId) {
    return TestDatabase.count("SELECT count(*) FROM gateway_usage WHERE event_id = ?", requestId);
  }
}
