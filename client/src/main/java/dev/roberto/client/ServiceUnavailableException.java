package dev.roberto.client;

import java.util.Map;

/** The control plane could not be reached, timed out, or answered 502, 503 or 504. */
public class ServiceUnavailableException extends RobertoException {

  public ServiceUnavailableException(
      int status, String code, String message, String hint, String requestId) {
    super(status, code, message, hint, requestId);
  }

  public ServiceUnavailableException(
      int status,
      String code,
      String message,
      String hint,
      String requestId,
      Map<String, Object> extensions) {
    super(status, code, message, hint, requestId, extensions);
  }
}
