package dev.roberto.auth.token;

/**
 * Tokens issued by a grant.
 *
 * @param accessToken the signed JWT
 * @param refreshToken the opaque refresh token, or null for client credentials
 * @param expiresIn seconds until the access token expires
 */
public record IssuedTokens(String accessToken, String refreshToken, long expiresIn) {

  @Override
  public String toString() {
    return "IssuedTokens[expiresIn=" + expiresIn + "]";
  }
}
