package dev.roberto.auth.discovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Public base URLs of the other services, under {@code roberto.discovery}; auth-service's own is
 * {@code roberto.auth.issuer}.
 */
@ConfigMapping(prefix = "roberto.discovery")
public interface DiscoveryConfig {

  @WithDefault("http://127.0.0.1:8082")
  String billingUrl();

  @WithDefault("http://127.0.0.1:8083")
  String runtimeUrl();

  @WithDefault("http://127.0.0.1:8084")
  String gatewayUrl();

  @WithDefault("http://127.0.0.1:8085")
  String webhookUrl();
}
