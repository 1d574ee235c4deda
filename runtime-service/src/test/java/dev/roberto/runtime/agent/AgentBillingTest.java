package dev.roberto.runtime.agent;

import static dev.roberto.runtime.agent.TestAgentsApi.AGENTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.roberto.events.Entitlements;
import dev.roberto.runtime.OtherWorkspace;
import dev.roberto.runtime.TestBilling;
import dev.roberto.runtime.TestRuntimes;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entitlements from {@code billing-synced}, published to the real broker, gate provisioning and
 * starting agents.
 */
@QuarkusTest
class AgentBillingTest {

  private static final Entitlements NONE = Entitlements.none();
  private static final Entitlements ALL = new Entitlements(true, true, true, true);

  /** What billing grants a workspace whose credits ran out: provision and webhooks only. */
  private static final Entitlements PROVISION_ONLY = new Entitlements(true, false, false, true);

  private String workspaceId;
  private String runtimeId;

  @BeforeEach
  void entitledWorkspaceWithRuntime() {
    workspaceId = TestUsers.workspaceId();
    TestBilling.allowAll(workspaceId);
    runtimeId = TestRuntimes.registerId();
  }

  @AfterEach
  void entitleAgain() {
    TestBilling.allowAll(workspaceId);
  }

  @Test
  void provisionRefusedUntilEntitled() {
    TestBilling.entitle(workspaceId, NONE);

    TestAgentsApi.provision("owner", "agent-" + TestRuntimes.shortId(), runtimeId, null)
        .statusCode(402)
        .contentType("application/problem+json")
        .body("code", equalTo("billing_inactive"))
        .body("hint", containsString("roberto billing status"));

    TestBilling.entitle(workspaceId, ALL);
    TestAgentsApi.provision("owner", "agent-" + TestRuntimes.shortId(), runtimeId, null)
        .statusCode(201);
  }

  @Test
  void startRefusedWithoutStartEntitlement() {
    String agentId = TestAgentsApi.provision(runtimeId);
    TestBilling.entitle(workspaceId, PROVISION_ONLY);

    TestAgentsApi.start("member", agentId)
        .statusCode(402)
        .body("code", equalTo("billing_inactive"))
        .body("hint", containsString("roberto billing status"));
    TestAgentsApi.show("member", agentId).statusCode(200).body("state", equalTo("stopped"));
    TestAgentsApi.provision("owner", "agent-" + TestRuntimes.shortId(), runtimeId, null)
        .statusCode(201);

    TestBilling.entitle(workspaceId, ALL);
    TestAgentsApi.start("member", agentId).statusCode(200).body("state", equalTo("running"));
  }

  @Test
  void runningAgentKeepsRunningWhenEntitlementEnds() {
    String agentId = TestAgentsApi.provision(runtimeId);
    TestAgentsApi.start("owner", agentId).statusCode(200);
    TestBilling.entitle(workspaceId, PROVISION_ONLY);

    TestAgentsApi.start("owner", agentId).statusCode(200).body("state", equalTo("running"));
    TestAgentsApi.stop("owner", agentId).statusCode(200).body("state", equalTo("stopped"));
    TestAgentsApi.start("owner", agentId).statusCode(402).body("code", equalTo("billing_inactive"));
  }

  @Test
  void workspaceWithoutSnapshotIsRefused() {
    String otherToken = OtherWorkspace.newWorkspaceOwnerToken();
    String otherRuntimeId =
        TestRuntimes.register(otherToken, "host-" + TestRuntimes.shortId()).getString("id");

    given()
        .auth()
        .oauth2(otherToken)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "agent-" + TestRuntimes.shortId(), "runtimeId", otherRuntimeId))
        .when()
        .post(AGENTS)
        .then()
        .statusCode(402)
        .body("code", equalTo("billing_inactive"))
        .body("detail", containsString("No billing status"))
        .body("hint", containsString("roberto billing status"));
  }
}
