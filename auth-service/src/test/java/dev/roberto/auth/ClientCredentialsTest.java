package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientCredentialsTest {

  @Inject TestAccounts testAccounts;

  @Test
  void runtimeCredentialGetsRuntimeToken() throws Exception {
    TestAccounts.Account owner = testAccounts.signUp("runtime-owner");
    JsonPath credential = register(owner, "rt-alpha").then().statusCode(201).extract().jsonPath();

    String accessToken =
        given()
            .auth()
            .preemptive()
            .basic(credential.getString("clientId"), credential.getString("clientSecret"))
            .contentType(ContentType.URLENC)
            .formParam("grant_type", "client_credentials")
            .when()
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .body("token_type", equalTo("Bearer"))
            .body("refresh_token", nullValue())
            .extract()
            .path("access_token");

    JwtClaims claims = TestTokens.verifyWithJwks(accessToken);
    assertEquals("rt-alpha", claims.getStringClaimValue("runtime"));
    assertEquals(owner.workspaceId().toString(), claims.getStringClaimValue("workspace"));
    assertEquals(List.of("runtime"), claims.getStringListClaimValue("roles"));
    assertEquals(credential.getString("clientId"), claims.getSubject());
  }

  @Test
  void runtimeCredentialInFormBody() {
    TestAccounts.Account owner = testAccounts.signUp("runtime-form");
    JsonPath credential = register(owner, "rt-form").then().statusCode(201).extract().jsonPath();

    String accessToken =
        clientCredentials(credential.getString("clientId"), credential.getString("clientSecret"))
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    given()
        .header("Authorization", "Bearer " + accessToken)
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(200)
        .body("runtimeId", equalTo("rt-form"))
        .body("roles", equalTo(List.of("runtime")));
  }

  @Test
  void wrongSecretIsInvalidClient() {
    TestAccounts.Account owner = testAccounts.signUp("runtime-wrong");
    JsonPath credential = register(owner, "rt-wrong").then().statusCode(201).extract().jsonPath();

    given()
        .auth()
        .preemptive()
        .basic(credential.getString("clientId"), "rts_not-the-secret")
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Basic"))
        .body("error", equalTo("invalid_client"))
        .body("error_description", equalTo("Client authentication failed."));
  }

  @Test
  void revokedCredentialIsInvalidClient() {
    TestAccounts.Account owner = testAccounts.signUp("runtime-revoke");
    JsonPath credential = register(owner, "rt-revoke").then().statusCode(201).extract().jsonPath();

    given()
        .header("Authorization", owner.bearer())
        .when()
        .delete("/api/auth/runtime-credentials/" + credential.getString("clientId"))
        .then()
        .statusCode(204);

    clientCredentials(credential.getString("clientId"), credential.getString("clientSecret"))
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_client"));
    given()
        .header("Authorization", owner.bearer())
        .when()
        .get("/api/auth/runtime-credentials")
        .then()
        .statusCode(200)
        .body("[0].clientId", equalTo(credential.getString("clientId")))
        .body("[0].revokedAt", org.hamcrest.Matchers.notNullValue())
        .body("[0].clientSecret", nullValue());
  }

  @Test
  void memberMayNotRegisterCredential() {
    TestAccounts.Account owner = testAccounts.signUp("runtime-owner2");
    TestAccounts.Account member = testAccounts.signUp("runtime-member");
    given()
        .header("Authorization", owner.bearer())
        .contentType(ContentType.JSON)
        .body(Map.of("email", member.email(), "role", "member"))
        .when()
        .post("/api/auth/workspaces/" + owner.workspaceId() + "/members")
        .then()
        .statusCode(201);
    TestAccounts.Account memberThere =
        new TestAccounts.Account(
            member.userId(),
            member.email(),
            owner.workspaceId(),
            testAccounts.tokensFor(member.userId(), owner.workspaceId()));

    register(memberThere, "rt-denied").then().statusCode(403).body("code", equalTo("forbidden"));
  }

  @Test
  void registerRejectsInvalidRuntimeId() {
    TestAccounts.Account owner = testAccounts.signUp("runtime-invalid");

    register(owner, "has spaces").then().statusCode(422).body("code", equalTo("validation_failed"));
  }

  @Test
  void serviceClientGetsServiceToken() throws Exception {
    String accessToken =
        clientCredentials("billing-service", "service-test-secret")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    JwtClaims claims = TestTokens.verifyWithJwks(accessToken);
    assertEquals("billing-service", claims.getSubject());
    assertEquals(List.of("service"), claims.getStringListClaimValue("roles"));
  }

  @Test
  void serviceClientWrongSecret() {
    clientCredentials("billing-service", "wrong-secret")
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_client"));
  }

  @Test
  void unknownClientIsInvalidClient() {
    clientCredentials("rtc_unknown", "whatever")
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_client"));
  }

  @Test
  void runtimeTokenCannotRegisterCredentials() {
    TestAccounts.Account owner = testAccounts.signUp("runtime-self");
    JsonPath credential = register(owner, "rt-self").then().statusCode(201).extract().jsonPath();
    String runtimeToken =
        clientCredentials(credential.getString("clientId"), credential.getString("clientSecret"))
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    given()
        .header("Authorization", "Bearer " + runtimeToken)
        .contentType(ContentType.JSON)
        .body(Map.of("runtimeId", "rt-other"))
        .when()
        .post("/api/auth/runtime-credentials")
        .then()
        .statusCode(403)
        .body("code", equalTo("user_token_required"));
  }

  private static io.restassured.response.Response register(
      TestAccounts.Account caller, String runtimeId) {
    return given()
        .header("Authorization", caller.bearer())
        .contentType(ContentType.JSON)
        .body(Map.of("runtimeId", runtimeId))
        .when()
        .post("/api/auth/runtime-credentials");
  }

  private static io.restassured.response.Response clientCredentials(
      String clientId, String secret) {
    return given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", clientId)
        .formParam("client_secret", secret)
        .when()
        .post("/oauth2/token");
  }
}
