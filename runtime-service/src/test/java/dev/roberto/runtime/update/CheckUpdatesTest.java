package dev.roberto.runtime.update;

import static dev.roberto.runtime.UpdateFixtures.CHECK_UPDATES;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.runtime.UpdateFixtures;
import dev.roberto.runtime.UpdateFixtures.TestRuntime;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.ForeignTokens;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckUpdatesTest {

  @Test
  void decisionOffersNewestReleasePerComponent() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("runtime", channel, "1.1.0", 100);
    String runtimeRelease = UpdateFixtures.publish("runtime", channel, "1.2.0", 100);
    UpdateFixtures.publish("agent", channel, "0.9.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    JsonPath decision =
        UpdateFixtures.decision(
            runtime, channel, "1.0.0", Map.of("agent-a", "0.9.0", "agent-b", "0.8.1"));

    assertEquals(runtime.id(), decision.getString("runtimeId"));
    assertEquals("1.0.0", decision.getString("runtime.currentVersion"));
    assertEquals("1.2.0", decision.getString("runtime.targetVersion"));
    assertEquals(runtimeRelease, decision.getString("runtime.releaseId"));
    assertTrue(decision.getBoolean("runtime.updateAvailable"));
    assertTrue(decision.getBoolean("runtime.approvalRequired"));
    assertEquals(false, decision.getBoolean("runtime.rollback"));
    assertEquals("install.sh", decision.getString("runtime.scripts[0].name"));
    String url = decision.getString("runtime.scripts[0].url");
    assertTrue(
        url.contains("/api/runtime/decisions/" + decision.getString("decisionId") + "/scripts/"),
        url);
    assertTrue(url.contains("signature="), url);

    Map<String, Object> agentA = agent(decision, "agent-a");
    assertEquals(false, agentA.get("updateAvailable"));
    assertEquals(false, agentA.get("approvalRequired"));
    assertEquals("0.9.0", agentA.get("targetVersion"));
    assertEquals(List.of(), agentA.get("scripts"));
    Map<String, Object> agentB = agent(decision, "agent-b");
    assertEquals(true, agentB.get("updateAvailable"));
    assertEquals("0.9.0", agentB.get("targetVersion"));
  }

  @Test
  void olderReleaseIsOfferedAsRollback() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "1.5.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    JsonPath decision =
        UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of("agent-a", "2.0.0-beta.1"));

    Map<String, Object> agentA = agent(decision, "agent-a");
    assertEquals("1.5.0", agentA.get("targetVersion"));
    assertEquals(true, agentA.get("rollback"));
    assertEquals(true, agentA.get("approvalRequired"));
    assertEquals(false, decision.getBoolean("runtime.updateAvailable"));
  }

  @Test
  void rolloutChoiceIsStablePerRuntime() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("runtime", channel, "1.0.0", 100);
    String partial = UpdateFixtures.publish("runtime", channel, "2.0.0", 50);
    List<TestRuntime> runtimes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      runtimes.add(UpdateFixtures.registerRuntime());
    }

    Map<String, String> firstTargets = new HashMap<>();
    for (TestRuntime runtime : runtimes) {
      firstTargets.put(runtime.id(), target(runtime, channel));
    }
    for (TestRuntime runtime : runtimes) {
      assertEquals(firstTargets.get(runtime.id()), target(runtime, channel), runtime.id());
      boolean included =
          dev.roberto.runtime.release.Rollout.includes(
              UUID.fromString(partial), 50, UUID.fromString(runtime.id()));
      assertEquals(included ? "2.0.0" : "1.0.0", firstTargets.get(runtime.id()), runtime.id());
    }

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("rolloutPercent", 100))
        .when()
        .patch(UpdateFixtures.RELEASES + "/" + partial)
        .then()
        .statusCode(200);
    for (TestRuntime runtime : runtimes) {
      assertEquals("2.0.0", target(runtime, channel), runtime.id());
    }
  }

  @Test
  void unreleasedChannelOffersNothing() {
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    UpdateFixtures.check(runtime, UpdateFixtures.uniqueChannel(), "3.1.4", Map.of())
        .then()
        .statusCode(200)
        .body("runtime.updateAvailable", equalTo(false))
        .body("runtime.targetVersion", equalTo("3.1.4"))
        .body("runtime.releaseId", nullValue())
        .body("runtime.scripts", empty())
        .body("agents", empty());
  }

  @Test
  void eachCheckSupersedesThePrevious() {
    TestRuntime runtime = UpdateFixtures.registerRuntime();
    String channel = UpdateFixtures.uniqueChannel();

    String first =
        UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of()).getString("decisionId");
    String second =
        UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of()).getString("decisionId");

    assertNotEquals(first, second);
    UpdateFixtures.apply(runtime, first, null, true, "rgt_unknown")
        .then()
        .statusCode(409)
        .body("code", equalTo("decision_superseded"))
        .body("hint", containsString("roberto runtime check-updates"));
  }

  @Test
  void personTokenIsRejected() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body(Map.of("runtime", Map.of("version", "1.0.0", "channel", "stable")))
        .when()
        .post(CHECK_UPDATES)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("runtime_token_invalid"))
        .body("hint", containsString("client_credentials"));
  }

  @Test
  void missingOrForeignTokenIsRuntimeTokenInvalid() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("runtime", Map.of("version", "1.0.0", "channel", "stable")))
        .when()
        .post(CHECK_UPDATES)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("code", equalTo("runtime_token_invalid"))
        .body("hint", containsString("ROBERTO_RUNTIME_CLIENT_ID"));

    String foreign =
        ForeignTokens.signedByUnknownKey(
            AuthServiceProcess.shared().issuer(),
            "client-x",
            TestUsers.workspaceId(),
            List.of("runtime"));
    given()
        .auth()
        .oauth2(foreign)
        .contentType(ContentType.JSON)
        .body(Map.of("runtime", Map.of("version", "1.0.0", "channel", "stable")))
        .when()
        .post(CHECK_UPDATES)
        .then()
        .statusCode(401)
        .body("code", equalTo("runtime_token_invalid"));
  }

  @Test
  void unregisteredRuntimeIsNotFound() {
    TestRuntime stranger = UpdateFixtures.withCredential(UUID.randomUUID().toString());

    UpdateFixtures.check(stranger, "stable", "1.0.0", Map.of())
        .then()
        .statusCode(404)
        .body("code", equalTo("runtime_not_found"))
        .body("hint", containsString("roberto runtime register"));
  }

  @Test
  void invalidReportIsValidationProblem() {
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    given()
        .auth()
        .oauth2(runtime.token())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "runtime",
                Map.of("version", "1.0", "channel", "stable"),
                "agents",
                List.of(
                    Map.of("agentId", "a", "version", "1.0.0", "channel", "stable"),
                    Map.of("agentId", "b", "version", "1.0.0", "channel", "Not A Channel"))))
        .when()
        .post(CHECK_UPDATES)
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("runtime.version"))
        .body("errors.field", hasItem("agents[1].channel"));

    given()
        .auth()
        .oauth2(runtime.token())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "runtime",
                Map.of("version", "1.0.0", "channel", "stable"),
                "agents",
                List.of(
                    Map.of("agentId", "a", "version", "1.0.0", "channel", "stable"),
                    Map.of("agentId", "a", "version", "1.1.0", "channel", "stable"))))
        .when()
        .post(CHECK_UPDATES)
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("agents[1].agentId"))
        .body("errors", hasSize(1))
        .body("hint", notNullValue());
  }

  private static String target(TestRuntime runtime, String channel) {
    return UpdateFixtures.decision(runtime, channel, "0.1.0", Map.of())
        .getString("runtime.targetVersion");
  }

  private static Map<String, Object> agent(JsonPath decision, String agentId) {
    List<Map<String, Object>> agents = decision.getList("agents");
    return agents.stream()
        .filter(agent -> agentId.equals(agent.get("agentId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No agent " + agentId + " in " + agents));
  }
}
