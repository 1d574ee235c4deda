package dev.roberto.runtime.agent;

import static dev.roberto.runtime.agent.TestAgentsApi.AGENTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.roberto.runtime.OtherWorkspace;
import dev.roberto.runtime.TestBilling;
import dev.roberto.runtime.TestRuntimes;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provisioning agents and moving them through their lifecycle, as the workspace's people do. */
@QuarkusTest
class AgentLifecycleTest {

  private String runtimeId;

  @BeforeEach
  void entitledWorkspaceWithRuntime() {
    TestBilling.allowAll(TestUsers.workspaceId());
    runtimeId = TestRuntimes.registerId();
  }

  @Test
  void provisionStartStopDelete() {
    String name = "agent-" + TestRuntimes.shortId();

    String agentId =
        TestAgentsApi.provision("owner", name, runtimeId, null)
            .statusCode(201)
            .header("Location", containsString(AGENTS + "/"))
            .body("id", notNullValue())
            .body("name", equalTo(name))
            .body("runtimeId", equalTo(runtimeId))
            .body("workspaceId", equalTo(TestUsers.workspaceId()))
            .body("channel", equalTo("stable"))
            .body("state", equalTo("stopped"))
            .body("version", equalTo(1))
            .extract()
            .path("id");

    TestAgentsApi.show("member", agentId)
        .statusCode(200)
        .body("name", equalTo(name))
        .body("state", equalTo("stopped"));
    TestAgentsApi.start("member", agentId)
        .statusCode(200)
        .body("state", equalTo("running"))
        .body("version", equalTo(2));
    TestAgentsApi.stop("member", agentId)
        .statusCode(200)
        .body("state", equalTo("stopped"))
        .body("version", equalTo(3));
    TestAgentsApi.delete("owner", agentId).statusCode(204);

    TestAgentsApi.show("owner", agentId)
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("agent_not_found"))
        .body("hint", containsString("roberto agent list"));
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get(AGENTS)
        .then()
        .statusCode(200)
        .body("id", not(hasItem(agentId)));
  }

  @Test
  void provisionKeepsRequestedChannel() {
    TestAgentsApi.provision("admin", "agent-" + TestRuntimes.shortId(), runtimeId, "beta")
        .statusCode(201)
        .body("channel", equalTo("beta"));
  }

  @Test
  void startAndStopAreIdempotent() {
    String agentId = TestAgentsApi.provision(runtimeId);
    TestAgentsApi.start("owner", agentId).statusCode(200).body("version", equalTo(2));

    TestAgentsApi.start("owner", agentId)
        .statusCode(200)
        .body("state", equalTo("running"))
        .body("version", equalTo(2));
    TestAgentsApi.stop("owner", agentId).statusCode(200).body("version", equalTo(3));
    TestAgentsApi.stop("owner", agentId)
        .statusCode(200)
        .body("state", equalTo("stopped"))
        .body("version", equalTo(3));
  }

  @Test
  void deletingRunningAgentIsConflict() {
    String agentId = TestAgentsApi.provision(runtimeId);
    TestAgentsApi.start("owner", agentId).statusCode(200);

    TestAgentsApi.delete("owner", agentId)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("agent_running"))
        .body("hint", containsString("roberto agent stop " + agentId));
    TestAgentsApi.show("owner", agentId).statusCode(200).body("state", equalTo("running"));
  }

  @Test
  void memberStartsButCannotProvisionOrDelete() {
    String agentId = TestAgentsApi.provision(runtimeId);

    TestAgentsApi.provision("member", "agent-" + TestRuntimes.shortId(), runtimeId, null)
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    TestAgentsApi.delete("member", agentId).statusCode(403).body("code", equalTo("forbidden"));
    TestAgentsApi.start("member", agentId).statusCode(200).body("state", equalTo("running"));
  }

  @Test
  void duplicateNameIsConflictUntilDeleted() {
    String name = "agent-" + TestRuntimes.shortId();
    String agentId =
        TestAgentsApi.provision("owner", name, runtimeId, null)
            .statusCode(201)
            .extract()
            .path("id");

    TestAgentsApi.provision("owner", name, TestRuntimes.registerId(), null)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("agent_name_taken"))
        .body("hint", containsString("roberto agent list"));

    TestAgentsApi.delete("owner", agentId).statusCode(204);
    TestAgentsApi.provision("owner", name, runtimeId, null).statusCode(201);
  }

  @Test
  void unknownRuntimeIsNotFound() {
    TestAgentsApi.provision(
            "owner", "agent-" + TestRuntimes.shortId(), UUID.randomUUID().toString(), null)
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("runtime_not_found"))
        .body("hint", containsString("roberto runtime list"));
  }

  @Test
  void unknownAgentIsNotFound() {
    for (String agentId : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
      TestAgentsApi.show("owner", agentId).statusCode(404).body("code", equalTo("agent_not_found"));
      TestAgentsApi.start("owner", agentId)
          .statusCode(404)
          .body("code", equalTo("agent_not_found"));
      TestAgentsApi.stop("owner", agentId).statusCode(404).body("code", equalTo("agent_not_found"));
      TestAgentsApi.delete("owner", agentId)
          .statusCode(404)
          .body("code", equalTo("agent_not_found"));
    }
  }

  @Test
  void otherWorkspaceSeesNoAgentOrRuntime() {
    String agentId = TestAgentsApi.provision(runtimeId);
    String otherToken = OtherWorkspace.ownerToken();

    given()
        .auth()
        .oauth2(otherToken)
        .when()
        .get(AGENTS + "/" + agentId)
        .then()
        .statusCode(404)
        .body("code", equalTo("agent_not_found"));
    given()
        .auth()
        .oauth2(otherToken)
        .when()
        .post(AGENTS + "/" + agentId + "/stop")
        .then()
        .statusCode(404)
        .body("code", equalTo("agent_not_found"));
    given()
        .auth()
        .oauth2(otherToken)
        .when()
        .delete(AGENTS + "/" + agentId)
        .then()
        .statusCode(404)
        .body("code", equalTo("agent_not_found"));
    given()
        .auth()
        .oauth2(otherToken)
        .when()
        .get(AGENTS)
        .then()
        .statusCode(200)
        .body("id", not(hasItem(agentId)));

    TestBilling.allowAll(OtherWorkspace.workspaceId());
    given()
        .auth()
        .oauth2(otherToken)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "agent-" + TestRuntimes.shortId(), "runtimeId", runtimeId))
        .when()
        .post(AGENTS)
        .then()
        .statusCode(404)
        .body("code", equalTo("runtime_not_found"));
  }

  @Test
  void listFiltersByRuntime() {
    String otherRuntimeId = TestRuntimes.registerId();
    String onRuntime = TestAgentsApi.provision(runtimeId);
    String onOtherRuntime = TestAgentsApi.provision(otherRuntimeId);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .queryParam("runtimeId", runtimeId)
        .when()
        .get(AGENTS)
        .then()
        .statusCode(200)
        .body("id", hasItem(onRuntime))
        .body("id", not(hasItem(onOtherRuntime)));
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get(AGENTS)
        .then()
        .statusCode(200)
        .body("id", hasItems(onRuntime, onOtherRuntime));
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .queryParam("runtimeId", UUID.randomUUID().toString())
        .when()
        .get(AGENTS)
        .then()
        .statusCode(404)
        .body("code", equalTo("runtime_not_found"));
  }

  @Test
  void runtimeSeesOnlyItsOwnAgents() {
    JsonPath registered = TestRuntimes.register();
    String ownRuntimeId = registered.getString("id");
    String own = TestAgentsApi.provision(ownRuntimeId);
    String foreign = TestAgentsApi.provision(runtimeId);
    String runtimeToken =
        TestRuntimes.runtimeAccessToken(
            registered.getString("credential.clientId"),
            registered.getString("credential.clientSecret"));

    given()
        .auth()
        .oauth2(runtimeToken)
        .when()
        .get(AGENTS)
        .then()
        .statusCode(200)
        .body("id", hasItem(own))
        .body("id", not(hasItem(foreign)));
    given()
        .auth()
        .oauth2(runtimeToken)
        .when()
        .get(AGENTS + "/" + own)
        .then()
        .statusCode(200)
        .body("runtimeId", equalTo(ownRuntimeId));
    given()
        .auth()
        .oauth2(runtimeToken)
        .when()
        .get(AGENTS + "/" + foreign)
        .then()
        .statusCode(404)
        .body("code", equalTo("agent_not_found"));
    given()
        .auth()
        .oauth2(runtimeToken)
        .when()
        .post(AGENTS + "/" + own + "/start")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void invalidRequestsAreProblems() {
    TestAgentsApi.provision("owner", " spaces / slashes", runtimeId, null)
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("name"));
    TestAgentsApi.provision("owner", "agent-" + TestRuntimes.shortId(), runtimeId, "Not A Channel")
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("channel"));
    TestAgentsApi.provision("owner", "agent-" + TestRuntimes.shortId(), null, null)
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("runtimeId"));
    TestAgentsApi.provision("owner", "agent-" + TestRuntimes.shortId(), "not-a-uuid", null)
        .statusCode(400)
        .body("code", equalTo("invalid_request_body"))
        .body("errors.field", hasItem("runtimeId"));
  }
}
