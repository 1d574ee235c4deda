package dev.roberto.client;

/**
 * A failure the client reports to a person: a stable {@code code} to branch on and a {@code hint}
 * with the next step. Subclasses tell which kind of failure it is, so that the CLI can choose an
 * exit code.
 */
public class RobertoException extends RuntimeException {

  private final int status;
  private final String code;
  private final String hint;
  private final String requestId;

  public RobertoException(int status, String code, String message, String hint, String requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.requestId = requestId;
  }

  /** The HTTP status of the server's answer, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String hint() {
    return hint;
  }

  /** The {@code X-Request-Id} of the failed request, or null when no request was sent. */
  public String requestId() {
    return requestId;
  }
}
