package dev.roberto.auth.token;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.key.KeyRing;
import dev.roberto.common.problem.TokenProblems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/** Signs access tokens with the active key and verifies them against the published keys. */
@ApplicationScoped
public class AccessTokens {

  public static final String WORKSPACE = "workspace";
  public static final String ROLES = "roles";
  public static final String EMAIL = "email";
  public static final String CLIENT = "client";
  public static final String RUNTIME = "runtime";
  public static final String SESSION = "sid";

  private final KeyRing keyRing;
  private final AuthConfig config;

  public AccessTokens(KeyRing keyRing, AuthConfig config) {
    this.keyRing = keyRing;
    this.config = config;
  }

  /** Signs a user's access token for one workspace; {@code sessionId} is its refresh family. */
  public Uni<String> forUser(
      UUID userId, String email, UUID workspaceId, String role, String client, UUID sessionId) {
    JwtClaims claims = baseClaims(userId.toString(), client);
    claims.setStringClaim(WORKSPACE, workspaceId.toString());
    claims.setStringListClaim(ROLES, List.of(role));
    claims.setStringClaim(EMAIL, email);
    claims.setStringClaim(SESSION, sessionId.toString());
    return keyRing.sign(claims);
  }

  /**
   * Signs a user's access token for one workspace that belongs to no refresh family (no {@code sid}
   * claim) and lives for {@code lifetime}, for a call the web app makes on the person's behalf.
   */
  public Uni<String> forUserWithoutSession(
      UUID userId, String email, UUID workspaceId, String role, String client, Duration lifetime) {
    JwtClaims claims = baseClaims(userId.toString(), client, lifetime.toSeconds());
    claims.setStringClaim(WORKSPACE, workspaceId.toString());
    claims.setStringListClaim(ROLES, List.of(role));
    claims.setStringClaim(EMAIL, email);
    return keyRing.sign(claims);
  }

  /** Signs a runtime's access token: subject is its client id, role {@code runtime}. */
  public Uni<String> forRuntime(String clientId, String runtimeId, UUID workspaceId) {
    JwtClaims claims = baseClaims(clientId, "runtime");
    claims.setStringClaim(RUNTIME, runtimeId);
    claims.setStringClaim(WORKSPACE, workspaceId.toString());
    claims.setStringListClaim(ROLES, List.of("runtime"));
    return keyRing.sign(claims);
  }

  /** Signs a service client's access token: subject is its client id, role {@code service}. */
  public Uni<String> forService(String clientId) {
    JwtClaims claims = baseClaims(clientId, clientId);
    claims.setStringListClaim(ROLES, List.of("service"));
    return keyRing.sign(claims);
  }

  /** Seconds an access token issued now stays valid. */
  public long lifetimeSeconds() {
    return config.accessTokenLifetime().toSeconds();
  }

  /**
   * Verifies signature, issuer, audience and expiry and returns the caller.
   *
   * @throws dev.roberto.common.problem.ProblemException {@code invalid_token} or {@code
   *     token_expired}, as a failed Uni
   */
  public Uni<Caller> verify(String token) {
    String kid;
    try {
      kid = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
    } catch (JoseException e) {
      return Uni.createFrom().failure(TokenProblems.invalidToken("The token is not a JWS."));
    }
    if (kid == null) {
      return Uni.createFrom().failure(TokenProblems.invalidToken("The token names no key."));
    }
    return keyRing
        .verificationKey(kid)
        .map(
            key ->
                key.map(publicKey -> verifyWith(token, kid, consumer(publicKey)))
                    .orElseThrow(
                        () ->
                            TokenProblems.invalidToken(
                                "The token is signed by a key this service does not publish.")));
  }

  private JwtConsumer consumer(java.security.Key publicKey) {
    return new JwtConsumerBuilder()
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireSubject()
        .setAllowedClockSkewInSeconds((int) config.keys().clockSkew().toSeconds())
        .setExpectedIssuer(config.issuer())
        .setExpectedAudience(config.audience())
        .setVerificationKey(publicKey)
        .setJwsAlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
        .build();
  }

  private static Caller verifyWith(String token, String kid, JwtConsumer consumer) {
    JwtClaims claims;
    try {
      claims = consumer.processToClaims(token);
    } catch (InvalidJwtException e) {
      if (e.hasExpired()) {
        throw TokenProblems.tokenExpired();
      }
      throw TokenProblems.invalidToken("The token signature or claims are invalid.");
    }
    try {
      return toCaller(claims, kid);
    } catch (MalformedClaimException | IllegalArgumentException e) {
      throw TokenProblems.invalidToken("The token has a malformed claim.");
    }
  }

  private static Caller toCaller(JwtClaims claims, String kid) throws MalformedClaimException {
    String workspace = claims.getStringClaimValue(WORKSPACE);
    String session = claims.getStringClaimValue(SESSION);
    List<String> roles = claims.hasClaim(ROLES) ? claims.getStringListClaimValue(ROLES) : List.of();
    return new Caller(
        claims.getSubject(),
        claims.getStringClaimValue(EMAIL),
        workspace == null ? null : UUID.fromString(workspace),
        roles,
        claims.getStringClaimValue(CLIENT),
        claims.getStringClaimValue(RUNTIME),
        session == null ? null : UUID.fromString(session),
        kid,
        Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
  }

  private JwtClaims baseClaims(String subject, String client) {
    return baseClaims(subject, client, lifetimeSeconds());
  }

  private JwtClaims baseClaims(String subject, String client, long lifetimeSeconds) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(config.issuer());
    claims.setSubject(subject);
    claims.setAudience(config.audience());
    claims.setIssuedAtToNow();
    NumericDate expiry = NumericDate.now();
    expiry.addSeconds(lifetimeSeconds);
    claims.setExpirationTime(expiry);
    claims.setJwtId(UUID.randomUUID().toString());
    claims.setStringClaim(CLIENT, client);
    return claims;
  }
}
