package dev.roberto.auth.token;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.problem.TokenProblems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates the requests to auth-service's own endpoints by their {@code Authorization: Bearer}
 * header, verified against this service's key store. Resources call {@link #authenticate} with the
 * header value.
 */
@ApplicationScoped
public class BearerAuthenticator {

  private static final String SCHEME = "bearer ";

  private final AccessTokens accessTokens;

  public BearerAuthenticator(AccessTokens accessTokens) {
    this.accessTokens = accessTokens;
  }

  /** Returns the caller, or fails with a 401 problem when the header is missing or invalid. */
  public Uni<Caller> authenticate(String authorization) {
    String token = bearerToken(authorization);
    if (token == null) {
      return Uni.createFrom().failure(TokenProblems.missingToken());
    }
    return accessTokens.verify(token);
  }

  /** Returns the caller, failing with 403 unless it is a user (not a runtime or service). */
  public Uni<Caller> authenticateUser(String authorization) {
    return authenticate(authorization)
        .invoke(
            caller -> {
              if (!caller.isUser()) {
                throw new ProblemException(
                    403,
                    "user_token_required",
                    "User token required",
                    "This endpoint is for signed-in users, not runtimes or services.",
                    "Call it with a user's access token from `roberto auth login`.");
              }
            });
  }

  /** Returns the token of a Bearer header, or null when the header is absent or another scheme. */
  public static String bearerToken(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()) {
      return null;
    }
    if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String token = authorization.substring(SCHEME.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
