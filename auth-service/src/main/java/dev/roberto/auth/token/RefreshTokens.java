package dev.roberto.auth.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.account.Membership;
import dev.roberto.auth.account.UserAccount;
import dev.roberto.auth.crypto.Aead;
import dev.roberto.auth.crypto.Secrets;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues and rotates refresh tokens. Each use rotates the token: the used one stops working and a
 * new pair is returned. A rotated token presented again within the reuse grace gets the same new
 * pair, because two processes may refresh at once. Presented later, it counts as theft and revokes
 * the whole family. The token row is locked with {@code SELECT ... FOR UPDATE}, so concurrent
 * refreshes on any replica run one after the other.
 */
@ApplicationScoped
public class RefreshTokens {

  private static final int TOKEN_BYTES = 32;

  private final AccessTokens accessTokens;
  private final AuthConfig config;
  private final ObjectMapper objectMapper;

  public RefreshTokens(AccessTokens accessTokens, AuthConfig config, ObjectMapper objectMapper) {
    this.accessTokens = accessTokens;
    this.config = config;
    this.objectMapper = objectMapper;
  }

  /**
   * Starts a family for a new sign-in and returns its first pair; runs in the caller's transaction.
   */
  Uni<IssuedTokens> startFamily(UserAccount account, Membership membership, String clientName) {
    RefreshFamily family = new RefreshFamily();
    family.id = UUID.randomUUID();
    family.userId = account.id;
    family.workspaceId = membership.workspaceId;
    family.clientName = clientName;
    family.createdAt = Instant.now();
    return family.persist().chain(() -> issuePair(family, account, membership));
  }

  /**
   * Exchanges a refresh token for a new pair.
   *
   * @throws ProblemException {@code invalid_grant} (400) when the token is unknown, expired,
   *     revoked or reused after the grace
   */
  public Uni<IssuedTokens> refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      return Uni.createFrom().failure(OAuthErrors.invalidRequest("refresh_token is missing."));
    }
    // The transaction commits a revocation before the failure reaches the caller.
    return Panache.withTransaction(() -> refreshLocked(refreshToken))
        .map(
            outcome -> {
              if (outcome.rejection() != null) {
                throw outcome.rejection();
              }
              return outcome.tokens();
            });
  }

  /** Revokes the family of the refresh token; returns false when the token is unknown. */
  public Uni<Boolean> revokeFamilyOf(String refreshToken) {
    return Panache.withTransaction(
        () ->
            RefreshToken.<RefreshToken>findById(hash(refreshToken))
                .chain(
                    token ->
                        token == null
                            ? Uni.createFrom().item(false)
                            : revokeFamily(token.familyId, "logout").replaceWith(true)));
  }

  /** Revokes the family, so none of its refresh tokens works again. */
  public Uni<Void> revokeFamily(UUID familyId, String reason) {
    return Panache.withTransaction(
        () ->
            RefreshFamily.<RefreshFamily>findById(familyId, LockModeType.PESSIMISTIC_WRITE)
                .invoke(
                    family -> {
                      if (family != null && !family.revoked()) {
                        family.revoke(reason);
                        Log.infof("Revoked refresh family %s (%s)", familyId, reason);
                      }
                    })
                .replaceWithVoid());
  }

  private Uni<Outcome> refreshLocked(String presented) {
    Instant now = Instant.now();
    return RefreshToken.<RefreshToken>findById(hash(presented), LockModeType.PESSIMISTIC_WRITE)
        .chain(
            token -> {
              if (token == null) {
                return rejected("The refresh token is unknown.");
              }
              return RefreshFamily.<RefreshFamily>findById(
                      token.familyId, LockModeType.PESSIMISTIC_WRITE)
                  .chain(family -> decide(presented, token, family, now));
            });
  }

  private Uni<Outcome> decide(
      String presented, RefreshToken token, RefreshFamily family, Instant now) {
    if (family.revoked()) {
      return rejected("The refresh token was revoked.");
    }
    if (!token.expiresAt.isAfter(now)) {
      return rejected("The refresh token has expired.");
    }
    if (token.rotatedAt == null) {
      return rotate(presented, token, family, now);
    }
    if (!token.rotatedAt.plus(config.refreshReuseGrace()).isBefore(now)
        && token.successorSealed != null) {
      Log.debugf("Refresh token of family %s reused within the grace", family.id);
      return Uni.createFrom().item(Outcome.issued(unseal(presented, token)));
    }
    Log.warnf("Refresh token of family %s reused after rotation; revoking the family", family.id);
    family.revoke("reuse");
    return rejected("The refresh token was already used; the session is revoked.");
  }

  private Uni<Outcome> rotate(
      String presented, RefreshToken token, RefreshFamily family, Instant now) {
    // One query after the other: a Hibernate Reactive session runs one operation at a time.
    return UserAccount.<UserAccount>findById(family.userId)
        .chain(
            account ->
                Membership.find(family.workspaceId, family.userId)
                    .chain(
                        membership -> {
                          if (account == null || membership == null) {
                            family.revoke("membership");
                            return rejected("The account is no longer a member of the workspace.");
                          }
                          return issuePair(family, account, membership)
                              .map(
                                  pair -> {
                                    token.rotatedAt = now;
                                    token.successorSealed = seal(presented, pair);
                                    return Outcome.issued(pair);
                                  });
                        }));
  }

  private Uni<IssuedTokens> issuePair(
      RefreshFamily family, UserAccount account, Membership membership) {
    String refreshToken = Secrets.randomToken(TOKEN_BYTES);
    Instant now = Instant.now();
    RefreshToken row = new RefreshToken();
    row.tokenHash = hash(refreshToken);
    row.familyId = family.id;
    row.issuedAt = now;
    row.expiresAt = now.plus(config.refreshTokenLifetime());
    return row.persist()
        .chain(
            () ->
                accessTokens.forUser(
                    account.id,
                    account.email,
                    membership.workspaceId,
                    membership.role,
                    family.clientName,
                    family.id))
        .map(access -> new IssuedTokens(access, refreshToken, accessTokens.lifetimeSeconds()));
  }

  private byte[] seal(String presented, IssuedTokens pair) {
    long expiresAt = Instant.now().getEpochSecond() + pair.expiresIn();
    Sealed sealed = new Sealed(pair.accessToken(), pair.refreshToken(), expiresAt);
    try {
      return Aead.seal(
          successorKey(presented), objectMapper.writeValueAsBytes(sealed), "successor");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Serializing the successor pair failed", e);
    }
  }

  private IssuedTokens unseal(String presented, RefreshToken token) {
    try {
      byte[] json = Aead.open(successorKey(presented), token.successorSealed, "successor");
      Sealed sealed = objectMapper.readValue(json, Sealed.class);
      long expiresIn = Math.max(0, sealed.expiresAt() - Instant.now().getEpochSecond());
      return new IssuedTokens(sealed.accessToken(), sealed.refreshToken(), expiresIn);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("The successor pair of a refresh token does not decrypt", e);
    }
  }

  /** Derives the key that seals the successor pair; the stored hash does not reveal it. */
  private static byte[] successorKey(String presented) {
    return Secrets.sha256("roberto refresh successor key\0" + presented);
  }

  static String hash(String refreshToken) {
    return Secrets.sha256Hex(refreshToken);
  }

  private static Uni<Outcome> rejected(String description) {
    return Uni.createFrom().item(new Outcome(null, OAuthErrors.invalidGrant(description)));
  }

  /** The successor pair as it is sealed. */
  record Sealed(String accessToken, String refreshToken, long expiresAt) {

    @Override
    public String toString() {
      return "Sealed[expiresAt=" + expiresAt + "]";
    }
  }

  /** A refresh's result: tokens, or a rejection raised after the transaction committed. */
  private record Outcome(IssuedTokens tokens, ProblemException rejection) {

    static Outcome issued(IssuedTokens tokens) {
      return new Outcome(tokens, null);
    }
  }
}
