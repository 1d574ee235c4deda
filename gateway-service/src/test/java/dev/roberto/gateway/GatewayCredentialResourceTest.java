package dev.roberto.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayCredentialResourceTest {

  static final String WORKSPACE = "6c1e4d2f-9a0b-4d2f-8b62-8e2f00000001";
  static final String OTHER_WORKSPACE = "6c1e4d2f-9a0b-4d2f-8b62-8e2f00000002";

  static String credentialsPath(String agentId) {
    return "/api/agents/" + agentId + "/gateway-credentials";
  }

  static ValidatableResponse create(String agentId) {
    return given().post(credentialsPath(agentId)).then().statusCode(201);
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void tokenIsShownOnceAndStoredHashed() {
    String agentId = TestAgents.create(WORKSPACE);

    String token =
        create(agentId)
            .header("Location", not(nullValue()))
            .body("status", equalTo("active"))
            .body("token", startsWith("rgw_"))
            .extract()
            .path("token");

    given()
        .get(credentialsPath(agentId))
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].token", nullValue())
        .body("[0].prefix", equalTo(token.substring(0, 12)));
    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM gateway_credential WHERE token_sha256 = ? OR prefix = ?",
            token,
            token));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void rotationKeepsOldTokenExpiring() {
    String agentId = TestAgents.create(WORKSPACE);
    String oldId = create(agentId).extract().path("id");

    String newId =
        given()
            .post(credentialsPath(agentId) + "/" + oldId + "/rotate")
            .then()
            .statusCode(201)
            .body("token", startsWith("rgw_"))
            .extract()
            .path("id");

    given()
        .get(credentialsPath(agentId))
        .then()
        .statusCode(200)
        .body("find { it.id == '" + oldId + "' }.status", equalTo("expiring"))
        .body("find { it.id == '" + oldId + "' }.replacedBy", equalTo(newId))
        .body("find { it.id == '" + newId + "' }.status", equalTo("active"));
    given()
        .post(credentialsPath(agentId) + "/" + oldId + "/rotate")
        .then()
        .statusCode(409)
        .body("code", equalTo("gateway_credential_not_active"));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void revokedTokenIsListedAsRevoked() {
    String agentId = TestAgents.create(WORKSPACE);
    String id = create(agentId).extract().path("id");

    given().delete(credentialsPath(agentId) + "/" + id).then().statusCode(204);

    given()
        .get(credentialsPath(agentId))
        .then()
        .statusCode(200)
        .body("[0].status", equalTo("revoked"));
    given()
        .delete(credentialsPath(agentId) + "/no-such-credential")
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_gateway_credential"));
  }

  @Test
  @TestSecurity(user = "member-2", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = OTHER_WORKSPACE))
  void agentOfAnotherWorkspaceIsUnknown() {
    String agentId = TestAgents.create(WORKSPACE);

    given()
        .post(credentialsPath(agentId))
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_agent"))
        .body("hint", not(nullValue()));
  }

  @Test
  void credentialsNeedAnAccessToken() {
    given()
        .get(credentialsPath("agent-x"))
        .then()
        .statusCode(401)
        .body("code", equalTo("token_required"));
  }
}
