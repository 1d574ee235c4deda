package dev.roberto.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SigningSecretResourceTest {

  static final String WORKSPACE = "5b0d3c1e-8f0a-4c1e-9a51-7d1f00000002";
  static final String OTHER_WORKSPACE = "5b0d3c1e-8f0a-4c1e-9a51-7d1f00000003";

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void createdSecretIsShownOnce() {
    String agentId = TestAgents.create(WORKSPACE);

    String secret =
        SignatureTest.createSecret(agentId)
            .header("Location", not(nullValue()))
            .body("status", equalTo("active"))
            .body("secret", startsWith("whsec_"))
            .extract()
            .path("secret");

    given()
        .get(SignatureTest.secretsPath(agentId))
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].secret", nullValue())
        .body("[0].prefix", equalTo(secret.substring(0, 14)));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void secretIsEncryptedAtRest() {
    String agentId = TestAgents.create(WORKSPACE);
    String secret = SignatureTest.createSecret(agentId).extract().path("secret");

    byte[] stored =
        (byte[])
            TestDatabase.rows(
                    "SELECT encrypted_secret FROM signing_secret WHERE agent_id = ?", agentId)
                .get(0)
                .get("encrypted_secret");
    assertFalse(
        new String(stored, StandardCharsets.ISO_8859_1).contains(secret.substring(6)),
        "the stored bytes contain the secret");
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void rotationMarksOldSecretExpiring() {
    String agentId = TestAgents.create(WORKSPACE);
    String oldId = SignatureTest.createSecret(agentId).extract().path("id");

    String newId =
        given()
            .post(SignatureTest.secretsPath(agentId) + "/" + oldId + "/rotate")
            .then()
            .statusCode(201)
            .body("secret", startsWith("whsec_"))
            .extract()
            .path("id");

    given()
        .get(SignatureTest.secretsPath(agentId))
        .then()
        .statusCode(200)
        .body("find { it.id == '" + oldId + "' }.status", equalTo("expiring"))
        .body("find { it.id == '" + oldId + "' }.replacedBy", equalTo(newId))
        .body("find { it.id == '" + newId + "' }.status", equalTo("active"));
    given()
        .post(SignatureTest.secretsPath(agentId) + "/" + oldId + "/rotate")
        .then()
        .statusCode(409)
        .body("code", equalTo("signing_secret_not_active"));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void unknownSecretIsNotFound() {
    String agentId = TestAgents.create(WORKSPACE);

    given()
        .delete(SignatureTest.secretsPath(agentId) + "/no-such-secret")
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_signing_secret"));
  }

  @Test
  @TestSecurity(user = "member-9", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = OTHER_WORKSPACE))
  void agentOfOtherWorkspaceIsNotFound() {
    String agentId = TestAgents.create(WORKSPACE);

    given()
        .post(SignatureTest.secretsPath(agentId))
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_agent"));
    given()
        .get(SignatureTest.secretsPath(agentId))
        .then()
        .statusCode(404)
        .body("code", equalTo("unknown_agent"));
  }

  @Test
  void anonymousCallerIsUnauthorized() {
    given()
        .post(SignatureTest.secretsPath("agent-x"))
        .then()
        .statusCode(401)
        .body("code", equalTo("token_required"));
  }

  @Test
  @TestSecurity(user = "runtime-1", roles = "runtime")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void runtimeRoleIsForbidden() {
    given()
        .post(SignatureTest.secretsPath("agent-x"))
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void memberCannotChangeWorkspaceSetting() {
    given()
        .contentType("application/json")
        .body("{\"signaturesRequired\":true}")
        .put("/api/webhooks/settings")
        .then()
        .statusCode(403);
  }
}
