package dev.roberto.cli;

/** The exit codes of {@code roberto}, listed in {@code roberto --help} and the README. */
public final class ExitCodes {

  public static final int OK = 0;

  /** Any failure without a more specific code, such as a server error or an unreadable store. */
  public static final int FAILURE = 1;

  /** An unknown command or option, a missing or invalid value. */
  public static final int USAGE = 2;

  /** Not logged in, the tokens were rejected, or the device login was denied or expired. */
  public static final int AUTHENTICATION = 3;

  /** The workspace's billing does not allow the request. */
  public static final int BILLING = 4;

  /** The control plane could not be reached, timed out, or answered 502, 503 or 504. */
  public static final int UNAVAILABLE = 5;

  private ExitCodes() {}
}
