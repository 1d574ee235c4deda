package dev.roberto.auth;

import static io.restassured.RestAssured.given;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/** Reads access tokens the way a relying party does: against the served JWKS. */
final class TestTokens {

  static final String ISSUER = "http://127.0.0.1:8081";

  private TestTokens() {}

  /** Verifies the token against {@code /oauth2/jwks} and returns its claims. */
  static JwtClaims verifyWithJwks(String token) throws Exception {
    JsonWebKeySet keys = new JsonWebKeySet(jwks());
    return new JwtConsumerBuilder()
        .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
        .setExpectedIssuer(ISSUER)
        .setExpectedAudience("roberto")
        .setRequireExpirationTime()
        .build()
        .processToClaims(token);
  }

  static String jwks() {
    return given().when().get("/oauth2/jwks").then().statusCode(200).extract().asString();
  }

  static String kid(String token) throws Exception {
    return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
  }
}
