package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.key.KeyRotation;
import dev.roberto.auth.key.SigningKey;
import dev.roberto.auth.token.IssuedTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyRotationTest {

  @Inject TestAccounts testAccounts;
  @Inject KeyRotation keyRotation;

  @Test
  void rotationKeepsOldTokensValid() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("rotate");
    String oldKid = TestTokens.kid(account.tokens().accessToken());
    List<String> publishedBefore = publishedKids();

    String newKid = VertxContextSupport.subscribeAndAwait(() -> keyRotation.rotate());
    IssuedTokens fresh = testAccounts.tokensFor(account.userId(), account.workspaceId());

    assertNotEquals(oldKid, newKid);
    assertTrue(publishedBefore.contains(newKid), "the new key was published before it signed");
    assertEquals(newKid, TestTokens.kid(fresh.accessToken()));
    List<String> publishedAfter = publishedKids();
    assertTrue(publishedAfter.contains(oldKid));
    assertTrue(publishedAfter.contains(newKid));
    whoami(account.tokens().accessToken()).then().statusCode(200);
    whoami(fresh.accessToken()).then().statusCode(200);
  }

  @Test
  void retiredKeyLeavesJwksAfterItsTokensExpire() throws Throwable {
    TestAccounts.Account account = testAccounts.signUp("retire");
    String oldKid = TestTokens.kid(account.tokens().accessToken());
    VertxContextSupport.subscribeAndAwait(() -> keyRotation.rotate());

    // Replaces the wait until every token of the retired key has expired.
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    SigningKey.update(
                        "publishUntil = ?1 where kid = ?2",
                        Instant.now().minusSeconds(1),
                        oldKid)));
    long removed = VertxContextSupport.subscribeAndAwait(() -> keyRotation.removeExpiredKeys());

    assertTrue(removed >= 1);
    assertFalse(publishedKids().contains(oldKid));
    whoami(account.tokens().accessToken())
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }

  private static List<String> publishedKids() throws Exception {
    return new JsonWebKeySet(TestTokens.jwks())
        .getJsonWebKeys().stream().map(JsonWebKey::getKeyId).toList();
  }

  private static io.restassured.response.Response whoami(String accessToken) {
    return given().header("Authorization", "Bearer " + accessToken).when().get("/api/auth/whoami");
  }
}
