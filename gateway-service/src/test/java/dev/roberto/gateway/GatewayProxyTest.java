package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class GatewayProxyTest {

  static final String CHAT = "/api/gateway/v1/chat/completions";

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayInfrastructure.anthropic().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
  }

  static String chatBody(String model) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  @Test
  void chatCompletionIsForwardedWithTheProviderKeyAndItsUsageRecorded() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .withHeader("Authorization", equalTo("Bearer sk-upstream-primary"))
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));

    String requestId =
        given()
            .header("Authorization", "Bearer " + fixture.token())
            .contentType(ContentType.JSON)
            .body(chatBody("gpt-test"))
            .post(CHAT)
            .then()
            .statusCode(200)
            .body("choices[0].message.content", Matchers.equalTo("Hello there."))
            .extract()
            .header("X-Request-Id");

    Map<String, Object> usage = GatewayFixture.awaitUsage(requestId);
    assertEquals(12L, usage.get("input_tokens"));
    assertEquals(5L, usage.get("output_tokens"));
    assertEquals(2L, usage.get("cached_tokens"));
    assertEquals(60L, usage.get("cost_micros"));
    assertEquals("primary", usage.get("provider"));
    assertEquals(fixture.agentId(), usage.get("agent_id"));
    assertEquals(1, GatewayFixture.usageEvents(requestId).size());
    String payload = (String) GatewayFixture.usageEvents(requestId).get(0).get("payload");
    assertTrue(payload.contains("\"costMicros\":60"), payload);
    GatewayInfrastructure.openAi()
        .verify(
            postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("x-api-key", absent())
                .withHeader("Authorization", equalTo("Bearer sk-upstream-primary")));
  }

  @Test
  void tokenInApiKeyHeaderAndAgentPathAreAccepted() {
    GatewayInfrastructure.openAi()
        .stubFor(post("/v1/embeddings").willReturn(okJson(ProviderStubs.embeddings("embed-test"))));

    String requestId =
        given()
            .header("x-api-key", fixture.token())
            .contentType(ContentType.JSON)
            .body("{\"model\":\"embed-test\",\"input\":\"Hi\"}")
            .post("/api/gateway/agents/" + fixture.agentId() + "/v1/embeddings")
            .then()
            .statusCode(200)
            .body("data[0].embedding", hasItem(0.1f))
            .extract()
            .header("X-Request-Id");

    assertEquals(7L, GatewayFixture.awaitUsage(requestId).get("input_tokens"));
  }

  @Test
  void anthropicMessageIsForwardedAndItsUsageRecorded() {
    GatewayInfrastructure.anthropic()
        .stubFor(
            post("/v1/messages")
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .willReturn(okJson(ProviderStubs.anthropicMessage("claude-test"))));

    String requestId =
        given()
            .header("x-api-key", fixture.token())
            .contentType(ContentType.JSON)
            .body(
                "{\"model\":\"claude-test\",\"max_tokens\":100,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
            .post("/api/gateway/v1/messages")
            .then()
            .statusCode(200)
            .body("content[0].text", Matchers.equalTo("Hello there."))
            .extract()
            .header("X-Request-Id");

    Map<String, Object> usage = GatewayFixture.awaitUsage(requestId);
    assertEquals(20L, usage.get("input_tokens"));
    assertEquals(6L, usage.get("output_tokens"));
    assertEquals(150L, usage.get("cost_micros"));
  }

  @Test
  void modelListShowsOnlyConfiguredModels() {
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .get("/api/gateway/v1/models")
        .then()
        .statusCode(200)
        .body("data.id", hasItems("gpt-test", "embed-test", "claude-test"))
        .body("data.id", not(hasItem("gpt-unknown")));
  }

  @Test
  void modelOutsideTheAllowedSetIsRefused() {
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body(chatBody("gpt-unknown"))
        .post(CHAT)
        .then()
        .statusCode(403)
        .body("code", Matchers.equalTo("model_not_allowed"));
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body(chatBody("claude-test"))
        .post(CHAT)
        .then()
        .statusCode(403)
        .body("code", Matchers.equalTo("model_not_allowed"));
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .queryParam("model", "gpt-unknown")
        .contentType(ContentType.JSON)
        .body(chatBody("gpt-test"))
        .post(CHAT)
        .then()
        .statusCode(403)
        .body("code", Matchers.equalTo("model_not_allowed"));
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body("{\"messages\":[]}")
        .post(CHAT)
        .then()
        .statusCode(400)
        .body("code", Matchers.equalTo("model_required"));
    GatewayInfrastructure.openAi().verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void malformedOrNonObjectBodyIsBadRequest() {
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body("{\"model\": ")
        .post(CHAT)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", Matchers.equalTo("malformed_json"))
        .body("hint", Matchers.containsString("well-formed JSON"));
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body("[1, 2]")
        .post(CHAT)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", Matchers.equalTo("invalid_request_body"));
  }

  @Test
  void wrongMethodGets405() {
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .get(CHAT)
        .then()
        .statusCode(405)
        .header("Allow", "POST")
        .contentType("application/problem+json")
        .body("code", Matchers.equalTo("method_not_allowed"))
        .body("instance", Matchers.equalTo(CHAT));
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .delete("/api/gateway/agents/" + fixture.agentId() + "/v1/models")
        .then()
        .statusCode(405)
        .header("Allow", "GET")
        .body("code", Matchers.equalTo("method_not_allowed"));
    assertEquals(0, GatewayInfrastructure.openAi().getAllServeEvents().size());
  }

  @Test
  void missingAndUnknownTokensAreRejected() {
    given()
        .contentType(ContentType.JSON)
        .body(chatBody("gpt-test"))
        .post(CHAT)
        .then()
        .statusCode(401)
        .body("code", Matchers.equalTo("gateway_token_required"));
    given()
        .header("Authorization", "Bearer rgw_not-a-real-token")
        .contentType(ContentType.JSON)
        .body(chatBody("gpt-test"))
        .post(CHAT)
        .then()
        .statusCode(401)
        .body("code", Matchers.equalTo("invalid_gateway_token"));
  }

  @Test
  void tokenOfAnotherAgentIsRefused() {
    GatewayFixture other = GatewayFixture.create();

    given()
        .header("Authorization", "Bearer " + other.token())
        .get("/api/gateway/agents/" + fixture.agentId() + "/v1/models")
        .then()
        .statusCode(401)
        .body("code", Matchers.equalTo("token_agent_mismatch"))
        .body("hint", Matchers.containsString(fixture.agentId()));
  }

  @Test
  void workspaceWithoutGatewayEntitlementIsRefused() {
    TestWorkspaces.sync(GatewayFixture.WORKSPACE, false, 0);
    try {
      given()
          .header("Authorization", "Bearer " + fixture.token())
          .contentType(ContentType.JSON)
          .body(chatBody("gpt-test"))
          .post(CHAT)
          .then()
          .statusCode(402)
          .contentType("application/problem+json")
          .body("code", Matchers.equalTo("billing_inactive"))
          .body("hint", Matchers.equalTo("Run `roberto billing status`."));
    } finally {
      GatewayFixture.allowGateway();
    }
    GatewayInfrastructure.openAi().verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void providerClientErrorIsPassedOn() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request\"}}")));

    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body(chatBody("gpt-test"))
        .post(CHAT)
        .then()
        .statusCode(400)
        .body("error.type", Matchers.equalTo("invalid_request"));
  }
}
