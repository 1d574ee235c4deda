package dev.roberto.client.login;

import java.time.Instant;

/**
 * A started device login. The person opens {@code verificationUri} and types {@code userCode}; the
 * client keeps {@code deviceCode}, a secret, to poll with.
 *
 * @param expiresAt when the codes stop working, from the server's {@code expiresIn}
 * @param interval seconds to wait between polls, as the server first asked
 */
public record DeviceCode(
    String deviceCode,
    String userCode,
    String verificationUri,
    String verificationUriComplete,
    Instant expiresAt,
    int interval) {

  @Override
  public String toString() {
    return "DeviceCode[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
  }
}
