package dev.roberto.gateway.provider;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * A provider's answer whose status and headers have arrived; its body is paused until the caller
 * reads it.
 */
public record UpstreamExchange(
    ProviderRoute route, HttpClientRequest request, HttpClientResponse response) {

  /** Drops the connection, for a caller that no longer wants the body. */
  public void cancel() {
    request.reset();
  }
}
