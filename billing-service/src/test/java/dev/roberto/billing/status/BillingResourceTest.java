package dev.roberto.billing.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.billing.usage.UsageEvents;
import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BillingResourceTest {

  static final String WORKSPACE = "7c1e5a10-2b3d-4e5f-8a9b-0c1d00000001";
  static final String NEW_WORKSPACE = "7c1e5a10-2b3d-4e5f-8a9b-0c1d00000002";
  static final String SUMMARY_WORKSPACE = "7c1e5a10-2b3d-4e5f-8a9b-0c1d00000003";

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = NEW_WORKSPACE))
  void firstStatusGrantsStarterCredits() {
    given()
        .get("/api/billing/status")
        .then()
        .statusCode(200)
        .body("workspaceId", equalTo(NEW_WORKSPACE))
        .body("creditBalanceMicros", equalTo(5_000_000))
        .body("subscription.status", equalTo("none"))
        .body("entitlements.gateway", equalTo(true))
        .body("entitlements.start", equalTo(true))
        .body("readiness.stripeConfigured", equalTo(true))
        .body("readiness.hasCustomer", equalTo(false))
        .body("readiness.canOpenPortal", equalTo(false))
        .body("snapshotVersion", equalTo(1))
        .body("stale", equalTo(false));

    given().get("/api/billing/status").then().statusCode(200).body("snapshotVersion", equalTo(1));
    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM credit_entry WHERE workspace_id = ? AND source = 'starter'",
            NEW_WORKSPACE));
  }

  @Test
  @TestSecurity(user = "owner-1", roles = "owner")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void statusShowsLostEntitlements() {
    UsageRecorded usage = UsageEvents.usage(WORKSPACE, "agent-1", 6_000_000);
    TestEvents.publish(usage);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM usage_record WHERE event_id = ?", usage.eventId())
                    == 1);

    given()
        .get("/api/billing/status")
        .then()
        .statusCode(200)
        .body("creditBalanceMicros", equalTo(-1_000_000))
        .body("entitlements.gateway", equalTo(false))
        .body("entitlements.start", equalTo(false))
        .body("entitlements.provision", equalTo(true));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = SUMMARY_WORKSPACE))
  void summaryGroupsUsageByAgentAndModel() {
    UsageRecorded first = UsageEvents.usage(SUMMARY_WORKSPACE, "agent-a", 100_000);
    UsageRecorded second = UsageEvents.usage(SUMMARY_WORKSPACE, "agent-a", 50_000);
    UsageRecorded third = UsageEvents.usage(SUMMARY_WORKSPACE, "agent-b", 25_000);
    TestEvents.publish(first);
    TestEvents.publish(second);
    TestEvents.publish(third);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM usage_record WHERE workspace_id = ?",
                        SUMMARY_WORKSPACE)
                    == 3);

    given()
        .get("/api/billing/summary")
        .then()
        .statusCode(200)
        .body("grantedMicros", equalTo(5_000_000))
        .body("consumedMicros", equalTo(175_000))
        .body("creditBalanceMicros", equalTo(4_825_000))
        .body("byAgent", hasSize(2))
        .body("byAgent[0].name", equalTo("agent-a"))
        .body("byAgent[0].events", equalTo(2))
        .body("byAgent[0].costMicros", equalTo(150_000))
        .body("byAgent[1].name", equalTo("agent-b"))
        .body("byModel", hasSize(1))
        .body("byModel[0].name", equalTo("gpt-test"))
        .body("byModel[0].costMicros", equalTo(175_000));

    given()
        .queryParam("from", "2001-01-01")
        .queryParam("to", "2001-02-01")
        .get("/api/billing/summary")
        .then()
        .statusCode(200)
        .body("consumedMicros", equalTo(0))
        .body("byAgent", hasSize(0))
        .body("projectedEndBalanceMicros", equalTo(4_825_000));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = SUMMARY_WORKSPACE))
  void summaryRejectsBadPeriod() {
    given()
        .queryParam("from", "yesterday")
        .get("/api/billing/summary")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"));
    given()
        .queryParam("from", "2026-03-01")
        .queryParam("to", "2026-02-01")
        .get("/api/billing/summary")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void anonymousStatusIsUnauthorized() {
    given()
        .get("/api/billing/status")
        .then()
        .statusCode(401)
        .body("code", equalTo("token_required"));
  }

  @Test
  @TestSecurity(user = "runtime-1", roles = "runtime")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void runtimeRoleIsForbidden() {
    given().get("/api/billing/status").then().statusCode(403).body("code", equalTo("forbidden"));
  }
}
