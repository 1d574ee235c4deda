package dev.roberto.local;

/** A failure that the launcher reports to the user as one message, without a stack trace. */
final class LocalStackException extends RuntimeException {

  LocalStackException(String message) {
    super(message);
  }

  LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
