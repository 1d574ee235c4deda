package dev.roberto.events;

/** An event that a consumer cannot read; it belongs on the topic's dead-letter topic. */
public class UnreadableEventException extends RuntimeException {

  public UnreadableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
