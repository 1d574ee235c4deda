package dev.roberto.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token that admitted calls stops admitting them once it is revoked, its agent deleted or its
 * workspace's billing stopped, whether the change came through this replica, another replica or
 * while this one could not hear of it. Each test uses the token first, so that this replica has it
 * in its cache.
 */
@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class TokenRevocationTest {

  private static final String MODELS = "/api/gateway/v1/models";

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
    assertEquals(200, modelsStatus());
    assertEquals(200, modelsStatus());
  }

  @AfterEach
  void restore() {
    DatabaseLink.shared().restore();
    GatewayFixture.allowGateway();
  }

  @Test
  void tokenRevokedHereIsRejectedAtOnce() {
    String id =
        given()
            .get(GatewayCredentialResourceTest.credentialsPath(fixture.agentId()))
            .then()
            .statusCode(200)
            .extract()
            .path("[0].id");

    given()
        .delete(GatewayCredentialResourceTest.credentialsPath(fixture.agentId()) + "/" + id)
        .then()
        .statusCode(204);

    given()
        .header("Authorization", "Bearer " + fixture.token())
        .get(MODELS)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_gateway_token"));
  }

  @Test
  void tokenRevokedByAnotherReplicaIsRejected() {
    revokeInDatabase();

    awaitStatus(401);
  }

  @Test
  void tokenOfDeletedAgentIsRejected() {
    TestAgents.delete(fixture.agentId(), GatewayFixture.WORKSPACE);

    awaitStatus(401);
  }

  @Test
  void workspaceWhoseBillingStoppedIsRejected() {
    TestWorkspaces.sync(GatewayFixture.WORKSPACE, false, 0);

    awaitStatus(402);
  }

  @Test
  void tokenRevokedDuringOutageIsRejected() {
    DatabaseLink.shared().cut();
    revokeInDatabase();
    DatabaseLink.shared().restore();

    awaitStatus(401);
    // Once this replica listens again, it must not serve the token it cached before the cut.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(TestAgents.PATIENCE)
        .until(() -> modelsStatus() == 401);
  }

  @Test
  void listeningResumesAfterSessionIsTerminated() {
    long before = listeningSession();
    assertTrue(before > 0, "no session listens on gateway_admission_changed");
    TestDatabase.rows("SELECT pg_terminate_backend(?::int)", before);

    await()
        .atMost(TestAgents.PATIENCE)
        .until(
            () -> {
              long now = listeningSession();
              return now > 0 && now != before;
            });
    revokeInDatabase();
    awaitStatus(401);
  }

  /** Returns the process id of the gateway's session that listens for admission changes. */
  private static long listeningSession() {
    List<Map<String, Object>> sessions =
        TestDatabase.rows(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND query LIKE 'LISTEN %gateway_admission_changed%'");
    return sessions.size() == 1 ? ((Number) sessions.get(0).get("pid")).longValue() : -1;
  }

  private void revokeInDatabase() {
    assertEquals(
        1,
        TestDatabase.update(
            "UPDATE gateway_credential SET revoked_at = now() WHERE agent_id = ?",
            fixture.agentId()));
  }

  private void awaitStatus(int status) {
    await().atMost(TestAgents.PATIENCE).until(() -> modelsStatus() == status);
  }

  private int modelsStatus() {
    return given()
        .header("Authorization", "Bearer " + fixture.token())
        .get(MODELS)
        .then()
        .extract()
        .statusCode();
  }
}
