package dev.roberto.testsupport.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Access tokens that look like auth-service's, with the same issuer, audience and claims, but
 * signed by a key auth-service never had. A service must reject them.
 */
public final class ForeignTokens {

  private ForeignTokens() {}

  /** Signs a token for the user and workspace with the roles, under a fresh RSA key. */
  public static String signedByUnknownKey(
      String issuer, String userId, String workspaceId, List<String> roles) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(userId);
    claims.setAudience("roberto");
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setGeneratedJwtId();
    claims.setClaim("workspace", workspaceId);
    claims.setStringListClaim("roles", roles);

    JsonWebSignature signature = new JsonWebSignature();
    signature.setPayload(claims.toJson());
    signature.setKey(freshKeyPair().getPrivate());
    signature.setKeyIdHeaderValue("unknown-key");
    signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    try {
      return signature.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("Signing the test token failed", e);
    }
  }

  private static KeyPair freshKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
