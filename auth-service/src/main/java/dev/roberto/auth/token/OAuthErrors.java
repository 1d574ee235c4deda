package dev.roberto.auth.token;

import dev.roberto.common.problem.ProblemException;

/** The RFC 6749 errors of the token endpoint, thrown as problems whose code is the error name. */
public final class OAuthErrors {

  private OAuthErrors() {}

  public static ProblemException invalidRequest(String description) {
    return new ProblemException(
        400,
        "invalid_request",
        "Invalid request",
        description,
        "Send the parameters that RFC 6749 requires for this grant type.");
  }

  public static ProblemException invalidGrant(String description) {
    return new ProblemException(
        400, "invalid_grant", "Invalid grant", description, "Run `roberto auth login`.");
  }

  public static ProblemException invalidClient(String description) {
    return new ProblemException(
        401,
        "invalid_client",
        "Invalid client",
        description,
        "Check the client id and secret, or register a new runtime credential.");
  }

  public static ProblemException unsupportedGrantType(String grantType) {
    return new ProblemException(
        400,
        "unsupported_grant_type",
        "Unsupported grant type",
        "The grant type " + grantType + " is not supported.",
        "Use a grant type that /.well-known/openid-configuration lists.");
  }
}
