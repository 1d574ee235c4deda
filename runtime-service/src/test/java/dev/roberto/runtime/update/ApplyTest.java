package dev.roberto.runtime.update;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.roberto.runtime.UpdateFixtures;
import dev.roberto.runtime.UpdateFixtures.TestRuntime;
import dev.roberto.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Apply of a decision: approval, grants, downgrades and the single use of a grant. */
@QuarkusTest
class ApplyTest {

  private static final String AGENT = "agent-1";

  @Test
  void approvedApplyWithGrantIsAccepted() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);

    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
        .then()
        .statusCode(200)
        .body("decisionId", equalTo(setup.decisionId))
        .body("state", equalTo("approved"))
        .body("update.agentId", equalTo(AGENT))
        .body("update.targetVersion", equalTo("1.1.0"))
        .body("update.scripts[0].name", equalTo("install.sh"))
        .body("update.scripts[0].url", containsString("signature="));

    Map<String, Object> used =
        TestDatabase.rows(
                "select used_at, used_decision from update_grant where token_sha256 = ?",
                UpdateFixtures.sha256Hex(grant.getBytes()))
            .get(0);
    assertNotNull(used.get("used_at"));
    assertEquals(setup.decisionId, used.get("used_decision").toString());
  }

  @Test
  void applyWithoutApprovalIsRefused() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);

    for (Boolean approved : new Boolean[] {null, false}) {
      UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, approved, grant)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("code", equalTo("approval_required"))
          .body("hint", containsString("--approve"));
    }
    // The refused applies left the grant unused.
    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
        .then()
        .statusCode(200);
  }

  @Test
  void grantForAnotherUpdateIsMismatch() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    UpdateFixtures.publish("agent", setup.channel, "1.0.5", 100);
    UpdateFixtures.publish("runtime", setup.channel, "1.1.0", 100);
    TestRuntime otherRuntime = UpdateFixtures.registerRuntime();
    List<String> wrongGrants =
        List.of(
            UpdateFixtures.grant(setup.runtime, "agent-2", setup.channel, "1.1.0", false),
            UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.0.5", false),
            UpdateFixtures.grant(setup.runtime, null, setup.channel, "1.1.0", false),
            UpdateFixtures.grant(otherRuntime, AGENT, setup.channel, "1.1.0", false),
            "rgt_not-a-grant-of-this-workspace");

    for (String grant : wrongGrants) {
      UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("code", equalTo("grant_mismatch"))
          .body("hint", containsString("--agent " + AGENT))
          .body("hint", containsString("--target-version 1.1.0"));
    }
    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, null)
        .then()
        .statusCode(403)
        .body("code", equalTo("grant_mismatch"));
  }

  @Test
  void expiredGrantIsRefused() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);
    // Grants live at least a minute, so the test moves the expiry back instead of waiting.
    TestDatabase.update(
        "update update_grant set expires_at = ? where token_sha256 = ?",
        Timestamp.from(Instant.now().minusSeconds(1)),
        UpdateFixtures.sha256Hex(grant.getBytes()));

    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
        .then()
        .statusCode(403)
        .body("code", equalTo("grant_expired"))
        .body("hint", containsString("roberto runtime grant"));
  }

  @Test
  void grantIsSingleUse() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);
    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
        .then()
        .statusCode(200);
    UpdateFixtures.progress(setup.runtime, setup.decisionId, AGENT, "failed", "disk full", 1)
        .then()
        .statusCode(200);
    String retryDecision =
        UpdateFixtures.decision(setup.runtime, setup.channel, "1.0.0", Map.of(AGENT, "1.0.0"))
            .getString("decisionId");

    UpdateFixtures.apply(setup.runtime, retryDecision, AGENT, true, grant)
        .then()
        .statusCode(409)
        .body("code", equalTo("grant_used"))
        .body("hint", containsString("roberto runtime grant"));

    String second = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);
    UpdateFixtures.apply(setup.runtime, retryDecision, AGENT, true, second).then().statusCode(200);
  }

  @Test
  void secondApplyOfAppliedUpdateIsRefused() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);
    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
        .then()
        .statusCode(200);
    UpdateFixtures.progress(setup.runtime, setup.decisionId, AGENT, "succeeded", null, null)
        .then()
        .statusCode(200);
    // The runtime restarts and checks again before it records the new version.
    String again =
        UpdateFixtures.decision(setup.runtime, setup.channel, "1.0.0", Map.of(AGENT, "1.0.0"))
            .getString("decisionId");
    String another = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);

    UpdateFixtures.apply(setup.runtime, again, AGENT, true, another)
        .then()
        .statusCode(409)
        .body("code", equalTo("update_already_applied"))
        .body("detail", containsString("succeeded"));
    UpdateFixtures.apply(setup.runtime, again, AGENT, true, grant)
        .then()
        .statusCode(409)
        .body("code", equalTo("grant_used"));

    String upToDate =
        UpdateFixtures.decision(setup.runtime, setup.channel, "1.0.0", Map.of(AGENT, "1.1.0"))
            .getString("decisionId");
    UpdateFixtures.apply(setup.runtime, upToDate, AGENT, true, another)
        .then()
        .statusCode(409)
        .body("code", equalTo("no_update_available"));
  }

  @Test
  void downgradeNeedsRollbackGrant() {
    Setup setup = Setup.agentUpdate("2.0.0", "1.5.0");
    String plain = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.5.0", false);

    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, plain)
        .then()
        .statusCode(403)
        .body("code", equalTo("downgrade_refused"))
        .body("hint", containsString("--rollback"));

    String rollback = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.5.0", true);
    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, rollback)
        .then()
        .statusCode(200)
        .body("update.rollback", equalTo(true))
        .body("update.targetVersion", equalTo("1.5.0"));
  }

  @Test
  void runtimeItselfIsApplied() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("runtime", channel, "4.0.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();
    String decisionId =
        UpdateFixtures.decision(runtime, channel, "3.9.0", Map.of()).getString("decisionId");
    String grant = UpdateFixtures.grant(runtime, null, channel, "4.0.0", false);

    UpdateFixtures.apply(runtime, decisionId, null, true, grant)
        .then()
        .statusCode(200)
        .body("update.component", equalTo("runtime"))
        .body("update.targetVersion", equalTo("4.0.0"));
  }

  @Test
  void unknownAgentOrDecisionIsNotFound() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");

    UpdateFixtures.apply(setup.runtime, setup.decisionId, "agent-9", true, "rgt_x")
        .then()
        .statusCode(404)
        .body("code", equalTo("update_not_in_decision"));
    UpdateFixtures.apply(setup.runtime, java.util.UUID.randomUUID().toString(), AGENT, true, "x")
        .then()
        .statusCode(404)
        .body("code", equalTo("decision_not_found"));
    // Another runtime cannot apply this runtime's decision.
    TestRuntime other = UpdateFixtures.registerRuntime();
    UpdateFixtures.apply(other, setup.decisionId, AGENT, true, "x")
        .then()
        .statusCode(404)
        .body("code", equalTo("decision_not_found"));
  }

  @Test
  void expiredDecisionIsRefused() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);
    TestDatabase.update(
        "update update_decision set expires_at = ? where id = ?::uuid",
        Timestamp.from(Instant.now().minusSeconds(1)),
        setup.decisionId);

    UpdateFixtures.apply(setup.runtime, setup.decisionId, AGENT, true, grant)
        .then()
        .statusCode(410)
        .body("code", equalTo("decision_expired"))
        .body("hint", containsString("check-updates"));
  }

  @Test
  void concurrentAppliesWithOneGrantHaveOneWinner() throws Exception {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");
    String grant = UpdateFixtures.grant(setup.runtime, AGENT, setup.channel, "1.1.0", false);
    String token = setup.runtime.token();
    int racers = 4;
    CyclicBarrier start = new CyclicBarrier(racers);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Future<Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        Callable<Response> apply =
            () -> {
              start.await(30, TimeUnit.SECONDS);
              return UpdateFixtures.apply(token, setup.decisionId, AGENT, true, grant);
            };
        answers.add(pool.submit(apply));
      }
      int accepted = 0;
      for (Future<Response> answer : answers) {
        Response response = answer.get(60, TimeUnit.SECONDS);
        if (response.statusCode() == 200) {
          accepted++;
        } else {
          response.then().statusCode(409).body("code", equalTo("grant_used"));
        }
      }
      assertEquals(1, accepted);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        1L,
        TestDatabase.count(
            "select count(*) from update_grant where token_sha256 = ? and used_at is not null",
            UpdateFixtures.sha256Hex(grant.getBytes())));
  }

  @Test
  void personTokenCannotApply() {
    Setup setup = Setup.agentUpdate("1.0.0", "1.1.0");

    UpdateFixtures.apply(
            dev.roberto.testsupport.auth.TestUsers.accessToken("owner"),
            setup.decisionId,
            AGENT,
            true,
            "x")
        .then()
        .statusCode(403)
        .body("code", equalTo("runtime_token_invalid"))
        .body("type", startsWith("https://roberto.dev/problems/"));
  }

  /** A runtime whose agent runs {@code current} and is offered {@code target}. */
  private record Setup(TestRuntime runtime, String channel, String decisionId) {

    static Setup agentUpdate(String current, String target) {
      String channel = UpdateFixtures.uniqueChannel();
      UpdateFixtures.publish("agent", channel, target, 100);
      TestRuntime runtime = UpdateFixtures.registerRuntime();
      String decisionId =
          UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of(AGENT, current))
              .getString("decisionId");
      return new Setup(runtime, channel, decisionId);
    }
  }
}
