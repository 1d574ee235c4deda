package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.key.SigningKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyAndDiscoveryTest {

  @Inject TestAccounts testAccounts;

  @Test
  void openIdConfigurationServed() {
    given()
        .when()
        .get("/.well-known/openid-configuration")
        .then()
        .statusCode(200)
        .body("issuer", equalTo("http://127.0.0.1:8081"))
        .body("jwks_uri", equalTo("http://127.0.0.1:8081/oauth2/jwks"))
        .body("token_endpoint", equalTo("http://127.0.0.1:8081/oauth2/token"))
        .body(
            "device_authorization_endpoint",
            equalTo("http://127.0.0.1:8081/oauth2/device_authorization"))
        .body("grant_types_supported", hasItems("refresh_token", "client_credentials"))
        .body("id_token_signing_alg_values_supported", equalTo(List.of("RS256")));
  }

  @Test
  void controlPlaneDiscoveryListsServices() {
    given()
        .when()
        .get("/.well-known/roberto")
        .then()
        .statusCode(200)
        .body("controlPlaneUrl", equalTo("http://127.0.0.1:8081"))
        .body("services.auth", equalTo("http://127.0.0.1:8081"))
        .body("services.billing", equalTo("http://127.0.0.1:8082"))
        .body("services.runtime", equalTo("http://127.0.0.1:8083"))
        .body("services.gateway", equalTo("http://127.0.0.1:8084"))
        .body("services.webhook", equalTo("http://127.0.0.1:8085"));
  }

  @Test
  void jwksPublishesPublicKeysOnly() throws Exception {
    JsonWebKeySet set = new JsonWebKeySet(TestTokens.jwks());

    assertTrue(set.getJsonWebKeys().size() >= 2, "the active and the next key are published");
    for (JsonWebKey key : set.getJsonWebKeys()) {
      assertEquals("RSA", key.getKeyType());
      assertEquals("RS256", key.getAlgorithm());
      assertNotNull(key.getKeyId());
      assertFalse(key.toJson().contains("\"d\""), "no private exponent");
    }
  }

  @Test
  void privateKeysEncryptedAtRest() throws Throwable {
    List<SigningKey> keys =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withSession(() -> SigningKey.<SigningKey>listAll()));

    assertFalse(keys.isEmpty());
    for (SigningKey key : keys) {
      assertTrue(key.encrypted, "key " + key.kid + " is marked encrypted");
      assertThrows(
          InvalidKeySpecException.class,
          () ->
              KeyFactory.getInstance("RSA")
                  .generatePrivate(new PKCS8EncodedKeySpec(key.privateKey)),
          "the stored bytes of key " + key.kid + " are not a plain PKCS#8 key");
    }
  }

  @Test
  void accessTokenVerifiesAgainstJwks() throws Exception {
    TestAccounts.Account account = testAccounts.signUp("claims");

    JwtClaims claims = TestTokens.verifyWithJwks(account.tokens().accessToken());

    assertEquals("http://127.0.0.1:8081", claims.getIssuer());
    assertEquals(account.userId().toString(), claims.getSubject());
    assertEquals(List.of("roberto"), claims.getAudience());
    assertEquals(account.workspaceId().toString(), claims.getStringClaimValue("workspace"));
    assertEquals(List.of("owner"), claims.getStringListClaimValue("roles"));
    assertEquals(account.email(), claims.getStringClaimValue("email"));
    assertEquals("cli", claims.getStringClaimValue("client"));
    assertNotNull(claims.getJwtId());
    long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
    assertEquals(300, lifetime);
    assertEquals(300, account.tokens().expiresIn());
  }
}
