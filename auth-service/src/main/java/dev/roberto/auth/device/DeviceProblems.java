package dev.roberto.auth.device;

import dev.roberto.common.problem.ProblemException;

/**
 * The errors of the device-code grant. Each {@code code} is the RFC 8628 or RFC 6749 error name, so
 * the form endpoint can return it unchanged as {@code error}.
 */
public final class DeviceProblems {

  public static final String AUTHORIZATION_PENDING = "authorization_pending";
  public static final String SLOW_DOWN = "slow_down";
  public static final String EXPIRED_TOKEN = "expired_token";
  public static final String ACCESS_DENIED = "access_denied";
  public static final String INVALID_GRANT = "invalid_grant";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_CLIENT = "invalid_client";

  private DeviceProblems() {}

  static ProblemException pending(String verificationUri, int intervalSeconds) {
    return new ProblemException(
            400,
            AUTHORIZATION_PENDING,
            "Authorization pending",
            "Nobody has approved this login yet.",
            "Open "
                + verificationUri
                + ", sign in and enter the user code, then poll again after "
                + intervalSeconds
                + " seconds.")
        .with("interval", intervalSeconds);
  }

  static ProblemException slowDown(int intervalSeconds) {
    return new ProblemException(
            400,
            SLOW_DOWN,
            "Slow down",
            "The poll came sooner than the required interval, which is now "
                + intervalSeconds
                + " seconds.",
            "Wait " + intervalSeconds + " seconds between polls.")
        .with("interval", intervalSeconds);
  }

  static ProblemException expired() {
    return new ProblemException(
        400,
        EXPIRED_TOKEN,
        "Device code expired",
        "The device code expired before the login was approved.",
        "Start a new login, for example with `roberto auth login`.");
  }

  static ProblemException denied() {
    return new ProblemException(
        400,
        ACCESS_DENIED,
        "Access denied",
        "The login was denied in the browser.",
        "If that was a mistake, start a new login with `roberto auth login`.");
  }

  static ProblemException invalidGrant() {
    return new ProblemException(
        400,
        INVALID_GRANT,
        "Invalid device code",
        "The device code is unknown or its tokens were already issued.",
        "Start a new login with `roberto auth login`; a device code gives tokens only once.");
  }

  static ProblemException missingDeviceCode(String field) {
    return new ProblemException(
        400,
        INVALID_REQUEST,
        "Device code missing",
        "The request has no " + field + ".",
        "Send the " + field + " that the device authorization request returned.");
  }

  static ProblemException unknownClient(String client) {
    return new ProblemException(
        400,
        INVALID_CLIENT,
        "Unknown client",
        "The client '" + client + "' is not known to this control plane.",
        "Use client 'cli' or 'mcp'.");
  }
}
