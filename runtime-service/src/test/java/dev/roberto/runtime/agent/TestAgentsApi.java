package dev.roberto.runtime.agent;

import static io.restassured.RestAssured.given;

import dev.roberto.runtime.TestRuntimes;
import dev.roberto.testsupport.auth.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;

/** Calls of the agent endpoints as the test workspace's people. */
final class TestAgentsApi {

  static final String AGENTS = "/api/agents";

  private TestAgentsApi() {}

  /** Provisions an agent with a fresh name as the owner and returns its id. */
  static String provision(String runtimeId) {
    return provision("owner", "agent-" + TestRuntimes.shortId(), runtimeId, null)
        .statusCode(201)
        .extract()
        .path("id");
  }

  static ValidatableResponse provision(String role, String name, String runtimeId, String channel) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("runtimeId", runtimeId);
    if (channel != null) {
      body.put("channel", channel);
    }
    return given()
        .auth()
        .oauth2(TestUsers.accessToken(role))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(AGENTS)
        .then();
  }

  static ValidatableResponse show(String role, String agentId) {
    return given()
        .auth()
        .oauth2(TestUsers.accessToken(role))
        .when()
        .get(AGENTS + "/" + agentId)
        .then();
  }

  static ValidatableResponse start(String role, String agentId) {
    return action(role, agentId, "start");
  }

  static ValidatableResponse stop(String role, String agentId) {
    return action(role, agentId, "stop");
  }

  static ValidatableResponse delete(String role, String agentId) {
    return given()
        .auth()
        .oauth2(TestUsers.accessToken(role))
        .when()
        .delete(AGENTS + "/" + agentId)
        .then();
  }

  private static ValidatableResponse action(String role, String agentId, String action) {
    return given()
        .auth()
        .oauth2(TestUsers.accessToken(role))
        .when()
        .post(AGENTS + "/" + agentId + "/" + action)
        .then();
  }
}
