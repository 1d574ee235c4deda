package dev.roberto.client;

/** The control plane could not be reached, timed out, or answered 502, 503 or 504. */
public class ServiceUnavailableException extends RobertoException {

  public ServiceUnavailableException(
      int status, String code, String message, String hint, String requestId) {
    super(status, code, message, hint, requestId);
  }
}
