package dev.roberto.client;

import java.util.Map;

/** The server refused the request because the workspace's billing does not allow it. */
public class BillingRefusedException extends RobertoException {

  public BillingRefusedException(
      int status, String code, String message, String hint, String requestId) {
    super(status, code, message, hint, requestId);
  }

  public BillingRefusedException(
      int status,
      String code,
      String message,
      String hint,
      String requestId,
      Map<String, Object> extensions) {
    super(status, code, message, hint, requestId, extensions);
  }
}
