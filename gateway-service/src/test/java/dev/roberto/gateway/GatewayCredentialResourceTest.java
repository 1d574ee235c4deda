package dev.roberto.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayCredentialResourceTest {

  /**
   * Starts a request as a member of the test workspace, with a real access token from auth-service.
   */
  static RequestSpecification asMember() {
    return given().auth().oauth2(TestUsers.accessToken("member"));
  }

  static String credentialsPath(String agentId) {
    return "/api/agents/" + agentId + "/gateway-credentials";
  }

  static ValidatableResponse create(String agentId) {
    return asMember().post(credentialsPath(agentId)).then().statusCode(201);
  }

  @Test
  void tokenIsShownOnceAndStoredHashed() {
    String agentId = TestAgents.create(TestUsers.workspaceId());

    String token =
        create(agentId)
            .header("Location", not(nullValue()))
            .body("status", equalTo("active"))
            .body("token", startsWith("rgw_"))
            .extract()
            .path("token");

    asMember()
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
  void rotationKeepsOldTokenExpiring() {
    String agentId = TestAgents.create(TestUsers.workspaceId());
    String oldId = create(agentId).extract().path("id");

    String newId =
        asMember()
            .post(credentialsPath(agentId) + "/" + oldId + "/rotate")
            .then()
            .statusCode(201)
            .body("token", startsWith("rgw_"))
            .extract()
            .path("id");

    asMember()
        .get(credentialsPath(agentId))
        .then()
        .statusCode(200)
        .body("find { it.id == '" + oldId + "' }.status", equalTo("expiring"))
        .body("find { it.id == '" + oldId + "' }.replacedBy", equalTo(newId))
        .body("find { it.id == '" + newId + "' }.status", equalTo("active"));
    asMember()
        .post(credentialsPath(agentId) + "/" + oldId + "/rotate")
        .then()
        .statusCode(409)
        .body("code", equalTo("gateway_credential_not_active"));
  }

  @Test
  void revokedTokenIsListedAsRevoked() {
    String agentId = TestAgents.create(TestUsers.workspaceId());
    String id = create(agentId).extract().path("id");

    asMember().delete(credentialsPath(agentId) + "/" + id).then().statusCode(204);

    asMember()
        .get(credentialsPath(agentId))
        .then()
        .statusCode(200)
        .body("[0].status", equalTo("revoked"));
    asMember()
        .delete(credentialsPath(agentId) + "/no-such-credential")
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_gateway_credential"));
  }

  @Test
  void agentOfAnotherWorkspaceIsUnknown() {
    String agentId = TestAgents.create(UUID.randomUUID().toString());

    asMember()
        .post(credentialsPath(agentId))
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_agent"))
        .body("hint", not(nullValue()));
  }

  @Test
  void credentialsRefuseAForeignToken() {
    given()
        .auth()
        .oauth2("not-a-token")
        .get(credentialsPath("agent-x"))
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }
}
