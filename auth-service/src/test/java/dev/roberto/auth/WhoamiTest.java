package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.roberto.auth.key.KeyRing;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WhoamiTest {

  @Inject TestAccounts testAccounts;
  @Inject KeyRing keyRing;

  @Test
  void whoamiReturnsTokenSubject() {
    TestAccounts.Account account = testAccounts.signUp("whoami");

    given()
        .header("Authorization", account.bearer())
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(200)
        .body("userId", equalTo(account.userId().toString()))
        .body("email", equalTo(account.email()))
        .body("workspaceId", equalTo(account.workspaceId().toString()))
        .body("roles", equalTo(List.of("owner")))
        .body("client", equalTo("cli"));
  }

  @Test
  void whoamiWithoutTokenIsUnauthorized() {
    given()
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("token_required"))
        .body("hint", equalTo("Run `roberto auth login`."));
  }

  @Test
  void whoamiWithExpiredToken() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("expired");
    JwtClaims claims = claimsFor(account);
    NumericDate past = NumericDate.now();
    past.addSeconds(-600);
    claims.setIssuedAt(past);
    past.addSeconds(300);
    claims.setExpirationTime(past);
    String expired = VertxContextSupport.subscribeAndAwait(() -> keyRing.sign(claims));

    given()
        .header("Authorization", "Bearer " + expired)
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(401)
        .body("code", equalTo("token_expired"))
        .body(
            "hint", equalTo("Run `roberto auth refresh`, or `roberto auth login` if that fails."));
  }

  @Test
  void whoamiWithTokenOfAnotherKey() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("forged");
    String activeKid = VertxContextSupport.subscribeAndAwait(() -> keyRing.activeKid());
    RsaJsonWebKey otherKey = RsaJwkGenerator.generateJwk(2048);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claimsFor(account).toJson());
    jws.setKey(otherKey.getPrivateKey());
    jws.setKeyIdHeaderValue(activeKid);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

    given()
        .header("Authorization", "Bearer " + jws.getCompactSerialization())
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }

  @Test
  void whoamiWithUnknownKid() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("unknownkid");
    RsaJsonWebKey otherKey = RsaJwkGenerator.generateJwk(2048);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claimsFor(account).toJson());
    jws.setKey(otherKey.getPrivateKey());
    jws.setKeyIdHeaderValue("not-a-published-key");
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

    given()
        .header("Authorization", "Bearer " + jws.getCompactSerialization())
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }

  @Test
  void whoamiWithGarbageToken() {
    given()
        .header("Authorization", "Bearer not.a.token")
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }

  @Test
  void whoamiRejectsOtherAudience() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("audience");
    JwtClaims claims = claimsFor(account);
    claims.setAudience("someone-else");
    String token = VertxContextSupport.subscribeAndAwait(() -> keyRing.sign(claims));

    given()
        .header("Authorization", "Bearer " + token)
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }

  private static JwtClaims claimsFor(TestAccounts.Account account) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(TestTokens.ISSUER);
    claims.setSubject(account.userId().toString());
    claims.setAudience("roberto");
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setGeneratedJwtId();
    claims.setStringClaim("workspace", account.workspaceId().toString());
    claims.setStringListClaim("roles", List.of("owner"));
    claims.setStringClaim("email", account.email());
    claims.setStringClaim("client", "cli");
    return claims;
  }
}
