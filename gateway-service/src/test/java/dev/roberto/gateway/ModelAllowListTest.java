package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-agent model allow-lists: the endpoint that keeps them, with real access tokens of each role,
 * and their effect on gateway calls to WireMock standing in for the LLM providers.
 */
@QuarkusTest
class ModelAllowListTest {

  String agentId;

  @BeforeEach
  void setUp() {
    TestWorkspaces.sync(TestUsers.workspaceId(), true, 1_000_000_000_000L);
    agentId = TestAgents.create(TestUsers.workspaceId());
  }

  static RequestSpecification as(String role) {
    return given().auth().oauth2(TestUsers.accessToken(role));
  }

  String modelsPath() {
    return "/api/agents/" + agentId + "/gateway-models";
  }

  RequestSpecification setTo(String role, List<String> models) {
    return as(role).contentType(ContentType.JSON).body(Map.of("models", models));
  }

  String gatewayToken() {
    return GatewayCredentialResourceTest.create(agentId).extract().path("token");
  }

  @Test
  void agentWithoutListMayUseEveryModel() {
    as("member")
        .get(modelsPath())
        .then()
        .statusCode(200)
        .body("agentId", equalTo(agentId))
        .body("restricted", equalTo(false))
        .body("models", hasItems("gpt-test", "embed-test", "claude-test"))
        .body("updatedAt", nullValue());
  }

  @Test
  void adminSetsListAndMemberReadsIt() {
    setTo("admin", List.of("gpt-test", "claude-test", "gpt-test"))
        .put(modelsPath())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(true))
        .body("models", contains("claude-test", "gpt-test"))
        .body("updatedAt", not(nullValue()))
        .body("updatedBy", not(nullValue()));

    as("member")
        .get(modelsPath())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(true))
        .body("models", contains("claude-test", "gpt-test"));
  }

  @Test
  void memberCannotChangeList() {
    setTo("member", List.of("gpt-test")).put(modelsPath()).then().statusCode(403);
    as("member").delete(modelsPath()).then().statusCode(403);

    as("member").get(modelsPath()).then().statusCode(200).body("restricted", equalTo(false));
  }

  @Test
  void emptyListAndDeleteRemoveList() {
    setTo("owner", List.of("gpt-test")).put(modelsPath()).then().statusCode(200);

    setTo("owner", List.of())
        .put(modelsPath())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(false))
        .body("models", hasItems("gpt-test", "embed-test", "claude-test"));

    setTo("owner", List.of("gpt-test")).put(modelsPath()).then().statusCode(200);
    as("owner").delete(modelsPath()).then().statusCode(204);
    as("member").get(modelsPath()).then().statusCode(200).body("restricted", equalTo(false));
  }

  @Test
  void unknownModelsAreNamed() {
    setTo("owner", List.of("gpt-test", "no-such-model", "another-unknown"))
        .put(modelsPath())
        .then()
        .statusCode(422)
        .body("code", equalTo("unknown_model"))
        .body("models", contains("another-unknown", "no-such-model"))
        .body("detail", containsString("no-such-model"))
        .body("hint", containsString("gpt-test"));

    as("member").get(modelsPath()).then().statusCode(200).body("restricted", equalTo(false));
  }

  @Test
  void invalidBodiesAreRejected() {
    as("owner")
        .contentType(ContentType.JSON)
        .body("{}")
        .put(modelsPath())
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"));
    setTo("owner", List.of(" "))
        .put(modelsPath())
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void agentOfAnotherWorkspaceIsUnknown() {
    String foreignAgent = TestAgents.create(UUID.randomUUID().toString());
    String path = "/api/agents/" + foreignAgent + "/gateway-models";

    as("member").get(path).then().statusCode(404).body("code", equalTo("unknown_agent"));
    setTo("owner", List.of("gpt-test"))
        .put(path)
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_agent"));
  }

  @Test
  void modelListShowsOnlyAllowedModels() {
    String token = gatewayToken();
    setTo("admin", List.of("gpt-test", "claude-test")).put(modelsPath()).then().statusCode(200);

    given()
        .header("Authorization", "Bearer " + token)
        .get("/api/gateway/v1/models")
        .then()
        .statusCode(200)
        .body("object", equalTo("list"))
        .body("data.id", contains("claude-test", "gpt-test"));
    given()
        .header("x-api-key", token)
        .header("anthropic-version", "2023-06-01")
        .get("/api/gateway/agents/" + agentId + "/v1/models")
        .then()
        .statusCode(200)
        .body("data.id", contains("claude-test", "gpt-test"))
        .body("first_id", equalTo("claude-test"))
        .body("last_id", equalTo("gpt-test"))
        .body("has_more", equalTo(false));
  }

  @Test
  void modelOffListIsRejected() {
    String token = gatewayToken();
    setTo("admin", List.of("gpt-test")).put(modelsPath()).then().statusCode(200);
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));

    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body("{\"model\":\"embed-test\",\"input\":\"Hi\"}")
        .post("/api/gateway/v1/embeddings")
        .then()
        .statusCode(403)
        .body("code", equalTo("model_not_allowed"))
        .body("detail", containsString("embed-test"))
        .body("hint", containsString("GET /api/gateway/v1/models"));
    given()
        .header("Authorization", "Bearer " + token)
        .queryParam("model", "embed-test")
        .contentType(ContentType.JSON)
        .body(GatewayProxyTest.chatBody("gpt-test"))
        .post(GatewayProxyTest.CHAT)
        .then()
        .statusCode(403)
        .body("code", equalTo("model_not_allowed"));
    GatewayInfrastructure.openAi().verify(0, postRequestedFor(urlEqualTo("/v1/embeddings")));

    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(GatewayProxyTest.chatBody("gpt-test"))
        .post(GatewayProxyTest.CHAT)
        .then()
        .statusCode(200)
        .body("model", equalTo("gpt-test"));
  }

  @Test
  void changeByAnotherReplicaTakesEffectWithinSeconds() {
    String token = gatewayToken();
    given()
        .header("Authorization", "Bearer " + token)
        .get("/api/gateway/v1/models")
        .then()
        .statusCode(200)
        .body("data.id", hasItems("gpt-test", "embed-test", "claude-test"));

    // Another replica changes only the table, so this replica sees it once its cache entry expires.
    TestDatabase.update(
        "INSERT INTO gateway_allowed_model (agent_id, model, workspace_id, allowed_at)"
            + " VALUES (?, 'embed-test', ?, now())",
        agentId,
        TestUsers.workspaceId());

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", "Bearer " + token)
                    .get("/api/gateway/v1/models")
                    .then()
                    .statusCode(200)
                    .body("data.id", contains("embed-test")));
  }
}
