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
   * Base URL at which this service reaches billing-service for the billing page's buttons, such as
   * a cluster-internal address; without it, {@code roberto.discovery.billing-url}. It feeds {@code
   * quarkus.rest-client.billing-service.url} in application.properties.
   */
  Optional<String> billingServiceUrl();
}
