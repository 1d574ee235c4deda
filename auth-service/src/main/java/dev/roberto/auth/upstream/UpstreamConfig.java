package dev.roberto.auth.upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Sign-in through an upstream OpenID provider. application.properties maps these keys onto the
 * quarkus-oidc tenant {@code upstream}, which is enabled only when {@code enabled} is true.
 */
@ConfigMapping(prefix = "roberto.auth.upstream")
public interface UpstreamConfig {

  /** Whether the sign-in page offers the upstream provider. */
  @WithDefault("false")
  boolean enabled();

  /** Provider name on the sign-in button. */
  @WithDefault("your organization")
  String name();

  /** Issuer URL of the provider, where its discovery document is found. */
  Optional<String> url();

  /** Client id registered at the provider. */
  Optional<String> clientId();

  /** Client secret registered at the provider. */
  Optional<String> clientSecret();
}
