package dev.roberto.common.problem;

/**
 * The 401 problems of bearer authentication, the same in auth-service and in the services that
 * check its tokens.
 */
public final class TokenProblems {

  private TokenProblems() {}

  public static ProblemException missingToken() {
    return new ProblemException(
        401,
        ProblemCodes.TOKEN_REQUIRED,
        "Unauthorized",
        "This endpoint needs a bearer access token in the Authorization header.",
        "Run `roberto auth login`.");
  }

  public static ProblemException invalidToken(String detail) {
    return new ProblemException(
        401, ProblemCodes.INVALID_TOKEN, "Invalid token", detail, "Run `roberto auth login`.");
  }

  public static ProblemException tokenExpired() {
    return new ProblemException(
        401,
        ProblemCodes.TOKEN_EXPIRED,
        "Token expired",
        "The access token has expired.",
        "Run `roberto auth refresh`, or `roberto auth login` if that fails.");
  }
}
