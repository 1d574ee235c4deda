package dev.roberto.gateway.provider;

import dev.roberto.gateway.config.GatewayConfig;

/** A configured provider by name, as the router offers it for one model. */
public record ProviderRoute(String name, GatewayConfig.Provider provider) {

  public GatewayConfig.Kind kind() {
    return provider.kind();
  }
}
