package dev.roberto.auth.token;

import dev.roberto.auth.account.Membership;
import dev.roberto.auth.account.UserAccount;
import dev.roberto.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Issues a signed-in user's first token pair, for the device flow and other sign-ins. */
@ApplicationScoped
public class TokenIssuer {

  private final RefreshTokens refreshTokens;

  public TokenIssuer(RefreshTokens refreshTokens) {
    this.refreshTokens = refreshTokens;
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

  private static ProblemException notMember(UUID userId, UUID workspaceId) {
    return new ProblemException(
        403,
        "not_a_member",
        "Not a member",
        "Account " + userId + " is not a member of workspace " + workspaceId + ".",
        "Choose a workspace the account belongs to.");
  }
}
