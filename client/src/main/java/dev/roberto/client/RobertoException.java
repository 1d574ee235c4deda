package dev.roberto.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
  private final Map<String, Object> extensions;

  public RobertoException(int status, String code, String message, String hint, String requestId) {
    this(status, code, message, hint, requestId, Map.of());
  }

  /**
   * @param extensions the problem's members beyond the RFC 9457 ones, {@code code} and {@code
   *     hint}, such as {@code errors}
   */
  public RobertoException(
      int status,
      String code,
      String message,
      String hint,
      String requestId,
      Map<String, Object> extensions) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.requestId = requestId;
    this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
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

  /**
   * Returns the further members of the problem body, such as {@code errors} or {@code
   * correlationId}, as plain Java values (maps, lists, strings, numbers, booleans); empty when
   * there were none.
   */
  public Map<String, Object> extensions() {
    return extensions;
  }

  /**
   * Returns lines that explain the failure beyond its message, for a person to read: by default one
   * line per entry of the problem's {@code errors} list ({@code field: message}).
   */
  public List<String> details() {
    List<String> lines = new ArrayList<>();
    if (extensions.get("errors") instanceof List<?> errors) {
      for (Object error : errors) {
        if (error instanceof Map<?, ?> entry) {
          lines.add(entry.get("field") + ": " + entry.get("message"));
        }
      }
    }
    return lines;
  }
}
