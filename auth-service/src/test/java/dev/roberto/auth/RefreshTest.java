package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.roberto.auth.token.RefreshToken;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshTest {

  @Inject TestAccounts testAccounts;

  @Test
  void refreshRotatesTokens() {
    TestAccounts.Account account = testAccounts.signUp("refresh");

    JsonPath first =
        refresh(account.tokens().refreshToken()).then().statusCode(200).extract().jsonPath();
    JsonPath second =
        refresh(first.getString("refreshToken")).then().statusCode(200).extract().jsonPath();

    assertNotEquals(account.tokens().refreshToken(), first.getString("refreshToken"));
    assertNotEquals(first.getString("refreshToken"), second.getString("refreshToken"));
    assertNotEquals(account.tokens().accessToken(), first.getString("accessToken"));
    assertEquals("Bearer", first.getString("tokenType"));
    assertEquals(300, first.getLong("expiresIn"));
    given()
        .header("Authorization", "Bearer " + second.getString("accessToken"))
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(200)
        .body("userId", equalTo(account.userId().toString()));
  }

  @Test
  void secondRefreshWithinGraceGetsSamePair() {
    TestAccounts.Account account = testAccounts.signUp("grace");

    JsonPath first =
        refresh(account.tokens().refreshToken()).then().statusCode(200).extract().jsonPath();
    JsonPath again =
        refresh(account.tokens().refreshToken()).then().statusCode(200).extract().jsonPath();

    assertEquals(first.getString("refreshToken"), again.getString("refreshToken"));
    assertEquals(first.getString("accessToken"), again.getString("accessToken"));
    refresh(first.getString("refreshToken")).then().statusCode(200);
  }

  @Test
  void concurrentRefreshesGetSamePair() {
    TestAccounts.Account account = testAccounts.signUp("concurrent");
    String token = account.tokens().refreshToken();

    List<CompletableFuture<JsonPath>> calls =
        List.of(1, 2, 3).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> refresh(token).then().statusCode(200).extract().jsonPath()))
            .toList();
    List<String> refreshTokens =
        calls.stream().map(CompletableFuture::join).map(p -> p.getString("refreshToken")).toList();

    assertEquals(1, refreshTokens.stream().distinct().count(), "every caller gets the same pair");
  }

  @Test
  void reuseAfterGraceRevokesFamily() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("reuse");
    String original = account.tokens().refreshToken();
    String successor =
        refresh(original).then().statusCode(200).extract().jsonPath().getString("refreshToken");
    ageRotation(original);

    refresh(original)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_grant"))
        .body("hint", equalTo("Run `roberto auth login`."));
    refresh(successor).then().statusCode(401).body("code", equalTo("invalid_grant"));
  }

  @Test
  void expiredRefreshTokenRejected() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("expired-refresh");
    String hash = sha256Hex(account.tokens().refreshToken());
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    RefreshToken.update(
                        "expiresAt = ?1 where tokenHash = ?2",
                        Instant.now().minusSeconds(1),
                        hash)));

    refresh(account.tokens().refreshToken())
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_grant"))
        .body("detail", equalTo("The refresh token has expired."));
  }

  @Test
  void logoutWithBearerRevokesFamily() {
    TestAccounts.Account account = testAccounts.signUp("logout");

    given()
        .header("Authorization", account.bearer())
        .when()
        .post("/api/auth/logout")
        .then()
        .statusCode(204);

    refresh(account.tokens().refreshToken())
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_grant"));
  }

  @Test
  void logoutWithRefreshTokenRevokesFamily() {
    TestAccounts.Account account = testAccounts.signUp("logout-rt");
    String successor =
        refresh(account.tokens().refreshToken())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("refreshToken");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("refreshToken", account.tokens().refreshToken()))
        .when()
        .post("/api/auth/logout")
        .then()
        .statusCode(204);

    refresh(successor).then().statusCode(401);
  }

  @Test
  void logoutWithoutCredentialsIsUnauthorized() {
    given()
        .when()
        .post("/api/auth/logout")
        .then()
        .statusCode(401)
        .body("code", equalTo("token_required"));
  }

  @Test
  void unknownRefreshTokenRejected() {
    refresh("not-a-refresh-token").then().statusCode(401).body("code", equalTo("invalid_grant"));
  }

  @Test
  void refreshWithoutTokenIsBadRequest() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .when()
        .post("/api/auth/refresh")
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_request"));
  }

  @Test
  void tokenEndpointRefreshGrant() {
    TestAccounts.Account account = testAccounts.signUp("oauth");

    given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "refresh_token")
        .formParam("refresh_token", account.tokens().refreshToken())
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(300))
        .body("access_token", notNullValue())
        .body("refresh_token", notNullValue());
  }

  @Test
  void tokenEndpointInvalidGrantBody() {
    given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "refresh_token")
        .formParam("refresh_token", "unknown")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("error", equalTo("invalid_grant"))
        .body("error_description", equalTo("The refresh token is unknown."))
        .body("code", nullValue());
  }

  @Test
  void tokenEndpointUnsupportedGrant() {
    given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "password")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(400)
        .body("error", equalTo("unsupported_grant_type"));
  }

  @Test
  void tokenEndpointMissingGrantType() {
    given()
        .contentType(ContentType.URLENC)
        .formParam("refresh_token", "x")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
  }

  private static io.restassured.response.Response refresh(String refreshToken) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("refreshToken", refreshToken))
        .when()
        .post("/api/auth/refresh");
  }

  /** Moves the token's rotation an hour back, in place of waiting past the reuse grace. */
  private static void ageRotation(String refreshToken) throws Throwable {
    String hash = sha256Hex(refreshToken);
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    RefreshToken.update(
                        "rotatedAt = ?1 where tokenHash = ?2",
                        Instant.now().minusSeconds(3600),
                        hash)));
  }

  /** Returns the token's hash as the refresh_token table stores it. */
  private static String sha256Hex(String refreshToken) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
  }
}
