package dev.roberto.auth.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the web app. */
@ConfigMapping(prefix = "roberto.web")
public interface WebConfig {

  /** How long a sign-in lasts. */
  @WithDefault("8H")
  Duration sessionLifetime();

  /** Marks the session and CSRF cookies Secure; set it when the public URL is https. */
  @WithDefault("false")
  boolean secureCookies();

  /**
   * Base URL of billing-service's browser endpoints; when set, the billing page links to {@code
   * <url>/checkout?workspace=<id>} and {@code <url>/portal?workspace=<id>}.
   */
  Optional<String> billingUrl();
}
