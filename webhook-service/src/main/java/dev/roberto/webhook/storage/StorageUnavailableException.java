package dev.roberto.webhook.storage;

/** PostgreSQL could not be reached, so the request changed nothing and may be retried. */
public class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(Throwable cause) {
    super("PostgreSQL is unavailable: " + cause.getMessage(), cause);
  }
}
