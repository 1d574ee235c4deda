package dev.roberto.client.store;

import java.util.Map;

/**
 * The login kept for one control plane: its tokens, who they are for, and the service URLs the
 * control plane listed in its discovery document at login. Tokens are sent only to those URLs.
 *
 * @param accessTokenExpiresAt ISO-8601 instant, an estimate from {@code expiresIn} at issue
 */
public record StoredLogin(
    String controlPlaneUrl,
    String accessToken,
    String refreshToken,
    String accessTokenExpiresAt,
    String email,
    String workspaceId,
    String client,
    Map<String, String> services) {

  /** Returns this login with a new token pair. */
  public StoredLogin withTokens(String accessToken, String refreshToken, String expiresAt) {
    return new StoredLogin(
        controlPlaneUrl,
        accessToken,
        refreshToken,
        expiresAt,
        email,
        workspaceId,
        client,
        services);
  }

  @Override
  public String toString() {
    return "StoredLogin[controlPlaneUrl="
        + controlPlaneUrl
        + ", email="
        + email
        + ", workspaceId="
        + workspaceId
        + "]";
  }
}
