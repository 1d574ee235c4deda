package dev.roberto.runtime.update;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.roberto.runtime.UpdateFixtures;
import dev.roberto.runtime.UpdateFixtures.TestRuntime;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Progress reports of an apply, and the update status that people read. */
@QuarkusTest
class ProgressAndStatusTest {

  @Test
  void statusFollowsCheckApplyAndProgress() {
    String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "2.1.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();
    String decisionId =
        UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of(agent, "2.0.0"))
            .getString("decisionId");

    status(agent)
        .body("runtimeId", equalTo(runtime.id()))
        .body("currentVersion", equalTo("2.0.0"))
        .body("targetVersion", equalTo("2.1.0"))
        .body("state", equalTo("available"))
        .body("lastCheckAt", notNullValue())
        .body("lastError", nullValue());

    String grant = UpdateFixtures.grant(runtime, agent, channel, "2.1.0", false);
    UpdateFixtures.apply(runtime, decisionId, agent, true, grant).then().statusCode(200);
    status(agent).body("state", equalTo("approved"));

    for (String state : new String[] {"downloading", "downloading", "applying"}) {
      UpdateFixtures.progress(runtime, decisionId, agent, state, null, null)
          .then()
          .statusCode(200)
          .body("state", equalTo(state));
    }
    UpdateFixtures.progress(runtime, decisionId, agent, "failed", "install.sh failed", 3)
        .then()
        .statusCode(200);

    status(agent)
        .body("state", equalTo("failed"))
        .body("currentVersion", equalTo("2.0.0"))
        .body("lastError", equalTo("exit code 3: install.sh failed"));

    // A later check keeps the failure visible until another apply.
    UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of(agent, "2.0.0"));
    status(agent).body("state", equalTo("failed"));
  }

  @Test
  void succeededUpdateBecomesCurrent() {
    String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "2.1.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();
    String decisionId =
        UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of(agent, "2.0.0"))
            .getString("decisionId");
    String grant = UpdateFixtures.grant(runtime, agent, channel, "2.1.0", false);
    UpdateFixtures.apply(runtime, decisionId, agent, true, grant).then().statusCode(200);

    UpdateFixtures.progress(runtime, decisionId, agent, "succeeded", null, null)
        .then()
        .statusCode(200)
        .body("state", equalTo("succeeded"))
        .body("currentVersion", equalTo("2.1.0"));
    // A report sent again after a lost response changes nothing.
    UpdateFixtures.progress(runtime, decisionId, agent, "succeeded", null, null)
        .then()
        .statusCode(200);
    UpdateFixtures.progress(runtime, decisionId, agent, "applying", null, null)
        .then()
        .statusCode(409)
        .body("code", equalTo("progress_out_of_order"));

    UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of(agent, "2.1.0"));
    status(agent)
        .body("state", equalTo("up_to_date"))
        .body("currentVersion", equalTo("2.1.0"))
        .body("applyFinishedAt", notNullValue());

    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get("/api/runtime/runtimes/" + runtime.id() + "/update-status")
        .then()
        .statusCode(200)
        .body("component", contains("runtime", "agent"))
        .body("agentId[1]", equalTo(agent));
  }

  @Test
  void progressWithoutApplyIsRefused() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "2.1.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();
    String decisionId =
        UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of("agent-1", "2.0.0"))
            .getString("decisionId");

    UpdateFixtures.progress(runtime, decisionId, "agent-1", "applying", null, null)
        .then()
        .statusCode(409)
        .body("code", equalTo("update_not_approved"))
        .body("hint", containsString("roberto runtime apply"));
    UpdateFixtures.progress(runtime, decisionId, "agent-1", "exploded", null, null)
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void unknownAgentStatusIsNotFound() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get("/api/agents/never-reported/update-status")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("update_status_not_found"));
  }

  @Test
  void statusNeedsToken() {
    given()
        .when()
        .get("/api/agents/agent-1/update-status")
        .then()
        .statusCode(401)
        .body("code", equalTo("token_required"));
  }

  private static ValidatableResponse status(String agentId) {
    return given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get("/api/agents/" + agentId + "/update-status")
        .then()
        .statusCode(200);
  }
}
