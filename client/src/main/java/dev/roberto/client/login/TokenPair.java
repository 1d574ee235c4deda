package dev.roberto.client.login;

/** Tokens as auth-service returns them from a device login or a refresh. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

  @Override
  public String toString() {
    return "TokenPair[expiresIn=" + expiresIn + "]";
  }
}
