package dev.roberto.client;

import java.util.Map;

/** No valid login: none stored, the tokens were rejected, or a device login did not succeed. */
public class AuthenticationException extends RobertoException {

  public AuthenticationException(
      int status, String code, String message, String hint, String requestId) {
    super(status, code, message, hint, requestId);
  }

  public AuthenticationException(
      int status,
      String code,
      String message,
      String hint,
      String requestId,
      Map<String, Object> extensions) {
    super(status, code, message, hint, requestId, extensions);
  }
}
