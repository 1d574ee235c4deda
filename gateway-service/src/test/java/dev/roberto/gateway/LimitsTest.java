package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class LimitsTest {

  /**
   * A gpt-test call that reserves 120 micro-units while it runs: 20 input tokens at 2 and 10 output
   * tokens at 8. The stub's usage makes its real cost 60.
   */
  private static final String CHAT_BODY =
      "{\"model\":\"gpt-test\",\"max_tokens\":10,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @ConfigProperty(name = "roberto.gateway.limits.spend-refresh")
  Duration spendRefresh;

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
  }

  @Test
  void burstCannotSpendPastTheBalance() throws Exception {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test")).withFixedDelay(300)));
    // Each call costs 60 micro-units; the balance pays for 10 of them.
    TestWorkspaces.sync(GatewayFixture.WORKSPACE, true, 600);
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(GatewayFixture.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + fixture.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT_BODY))
                .build();
        calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      int served = 0;
      int refused = 0;
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        HttpResponse<String> response = call.get();
        if (response.statusCode() == 200) {
          served++;
        } else {
          assertEquals(402, response.statusCode(), response.body());
          assertTrue(response.body().contains("\"code\":\"credits_exhausted\""));
          refused++;
        }
      }
      assertTrue(served >= 1, "no call was served");
      assertTrue(served <= 10, served + " calls were served");
      assertEquals(100, served + refused);
    } finally {
      GatewayFixture.allowGateway();
    }
  }

  @Test
  void newSnapshotCountsOnlyLaterCalls() {
    providerAnswersAtOnce();
    try {
      // A call is served while the balance minus the calls since the snapshot covers its 120:
      // 600 pays for 9 calls of 60 each, and leaves 60.
      TestWorkspaces.sync(GatewayFixture.WORKSPACE, true, 600);
      assertEquals(9, callsServedUntilCreditsExhausted());
      // Billing debited those calls and announces a balance of 300 after a purchase. Counting the
      // 540 spent before this snapshot again would reject every call. 300 pays for 4 more.
      TestWorkspaces.sync(GatewayFixture.WORKSPACE, true, 300);
      assertEquals(4, callsServedUntilCreditsExhausted());
    } finally {
      GatewayFixture.allowGateway();
    }
  }

  @Test
  void otherReplicaCallsCountAfterRefresh() throws Exception {
    providerAnswersAtOnce();
    try {
      TestWorkspaces.sync(GatewayFixture.WORKSPACE, true, 600);
      GatewayFixture.awaitUsage(chat().then().statusCode(200).extract().header("X-Request-Id"));
      storedByAnotherReplica(GatewayFixture.WORKSPACE, 480);
      Thread.sleep(spendRefresh.plusMillis(200).toMillis());
      // 600 minus this replica's 60 and the other's 480 leaves 60, less than a call reserves.
      chat().then().statusCode(402).body("code", Matchers.equalTo("credits_exhausted"));
    } finally {
      GatewayFixture.allowGateway();
    }
  }

  private static void providerAnswersAtOnce() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));
  }

  /** Inserts a usage row the way another replica's batch does, for a call of the workspace. */
  private void storedByAnotherReplica(String workspaceId, long costMicros) {
    TestDatabase.update(
        "INSERT INTO gateway_usage (event_id, agent_id, workspace_id, provider, model,"
            + " input_tokens, output_tokens, cached_tokens, cost_micros, latency_millis, estimated,"
            + " outcome, recorded_at)"
            + " VALUES (?, ?, ?, 'primary', 'gpt-test', 12, 5, 0, ?, 15, false, 'completed', now())",
        UUID.randomUUID().toString(),
        fixture.agentId(),
        workspaceId,
        costMicros);
  }

  private Response chat() {
    return given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType("application/json")
        .body(CHAT_BODY)
        .post(GatewayFixture.baseUrl() + "/v1/chat/completions");
  }

  /**
   * Calls one at a time until the gateway rejects a call with {@code credits_exhausted}, waits
   * until the usage of the served calls is stored, and returns how many were served.
   */
  private int callsServedUntilCreditsExhausted() {
    int served = 0;
    while (true) {
      Response response = chat();
      if (response.statusCode() != 200) {
        response.then().statusCode(402).body("code", Matchers.equalTo("credits_exhausted"));
        return served;
      }
      GatewayFixture.awaitUsage(response.header("X-Request-Id"));
      served++;
      assertTrue(served < 10, "served past the balance");
    }
  }

  @Test
  void agentPastItsRequestRateGets429WithRetryAfter() {
    Response limited = null;
    for (int i = 0; i < 200 && limited == null; i++) {
      Response response =
          given()
              .header("Authorization", "Bearer " + fixture.token())
              .get("/api/gateway/v1/models");
      if (response.statusCode() == 429) {
        limited = response;
      }
    }

    assertTrue(limited != null, "no request was limited");
    limited
        .then()
        .header("Retry-After", Matchers.notNullValue())
        .body("code", Matchers.equalTo("rate_limited"));
    GatewayFixture other = GatewayFixture.create();
    given()
        .header("Authorization", "Bearer " + other.token())
        .get("/api/gateway/v1/models")
        .then()
        .statusCode(200);
  }
}
