package dev.roberto.gateway.provider;

/**
 * A provider did not answer usefully before the first byte: it was unreachable, too slow, or
 * answered 5xx. The gateway may retry it or fall back to the next provider.
 */
public class ProviderFailure extends RuntimeException {

  public ProviderFailure(String provider, String reason, Throwable cause) {
    super("Provider " + provider + ": " + reason, cause, false, false);
  }
}
