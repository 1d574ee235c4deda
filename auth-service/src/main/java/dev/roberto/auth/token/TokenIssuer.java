package dev.roberto.auth.token;

import dev.roberto.auth.account.Membership;
import dev.roberto.auth.account.UserAccount;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Issues a signed-in user's first token pair, for the device flow and other sign-ins, and single
 * access tokens for calls the web app makes on a person's behalf.
 */
@ApplicationScoped
public class TokenIssuer {

  private final RefreshTokens refreshTokens;
  private final AccessTokens accessTokens;

  public TokenIssuer(RefreshTokens refreshTokens, AccessTokens accessTokens) {
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
  }

  /**
   * Issues an access token for the workspace and a refresh token of a new family. Runs inside the
   * caller's open reactive transaction ({@code Panache.withTransaction}), so the tokens exist only
   * if the caller's own changes commit.
   *
   * @param clientName the client that signed in, such as {@code cli} or {@code mcp}; it becomes the
   *     {@code client} claim
   * @throws ProblemException 403 {@code not_a_member} when the account is not in the workspace
   */
  public Uni<IssuedTokens> issueForUser(UUID userId, UUID workspaceId, String clientName) {
    return UserAccount.<UserAccount>findById(userId)
        .chain(
            account ->
                Membership.find(workspaceId, userId)
                    .chain(
                        membership -> {
                          if (account == null || membership == null) {
                            throw notMember(userId, workspaceId);
                          }
                          return refreshTokens.startFamily(account, membership, clientName);
                        }));
  }

  /**
   * Issues only an access token for the account in the workspace, with the account's current role
   * and the given lifetime. No refresh token or refresh family is created, so nothing is stored.
   *
   * @throws ProblemException 403 {@code not_a_member} when the account is not in the workspace
   */
  public Uni<String> issueAccessToken(
      UUID userId, UUID workspaceId, String clientName, Duration lifetime) {
    return Panache.withSession(
        () ->
            UserAccount.<UserAccount>findById(userId)
                .chain(
                    account ->
                        Membership.find(workspaceId, userId)
                            .chain(
                                membership -> {
                                  if (account == null || membership == null) {
                                    throw notMember(userId, workspaceId);
                                  }
                                  return accessTokens.forUserWithoutSession(
                                      account.id,
                                      account.email,
                                      workspaceId,
                                      membership.role,
                                      clientName,
                                      lifetime);
                                })));
  }

  private static ProblemException notMember(UUID userId, UUID workspaceId) {
    return new ProblemException(
        403,
        "not_a_member",
        "Not a member",
        "Account " + userId + " is not a member of workspace " + workspaceId + ".",
        "Choose a workspace the account belongs to.");
  }
}
