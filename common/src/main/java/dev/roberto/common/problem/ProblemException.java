package dev.roberto.common.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that reaches the caller as a problem+json body. Services throw it for every expected
 * error: the status, the stable {@code code}, a title, the detail about this case and a hint.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final String title;
  private final String hint;
  private final Map<String, Object> extensions = new LinkedHashMap<>();

  public ProblemException(int status, String code, String title, String detail, String hint) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.hint = hint;
  }

  /** Adds a member to the problem body, such as {@code interval} or {@code errors}. */
  public ProblemException with(String name, Object value) {
    extensions.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public String hint() {
    return hint;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
