package dev.roberto.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings under {@code roberto.billing}; the README lists each with its default. */
@ConfigMapping(prefix = "roberto.billing")
public interface BillingConfig {

  /** Credits granted once to a workspace that billing sees for the first time, in micro-units. */
  @WithDefault("5000000")
  long starterCreditsMicros();

  /** How long a past-due subscription keeps its entitlements. */
  @WithDefault("P3D")
  Duration pastDueGrace();

  /** A status older than this is reported as possibly stale. */
  @WithDefault("PT24H")
  Duration staleAfter();

  Pricing pricing();

  Stripe stripe();

  /** Prices of usage that arrives without a cost, in micro-units per token. */
  interface Pricing {
    @WithDefault("1")
    long inputTokenMicros();

    @WithDefault("4")
    long outputTokenMicros();

    @WithDefault("0")
    long cachedTokenMicros();
  }

  /** Stripe account settings; without an API key the Stripe commands are unavailable. */
  interface Stripe {
    Optional<String> apiKey();

    Optional<String> webhookSecret();

    /** Base URL of the Stripe API; tests point it at a loopback fake. */
    Optional<String> apiBase();
  }
}
