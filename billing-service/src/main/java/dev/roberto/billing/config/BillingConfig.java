package dev.roberto.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings under {@code roberto.billing}; the README lists each with its default. */
@ConfigMapping(prefix = "roberto.billing")
public interface BillingConfig {

  /** Credits granted once to a workspace when its billing account is opened, in micro-units. */
  @WithDefault("5000000")
  long starterCreditsMicros();

  /** How long the starter credits last; without a value they never expire. */
  Optional<Duration> starterCreditsValidity();

  /** How long a past-due subscription keeps its entitlements. */
  @WithDefault("P3D")
  Duration pastDueGrace();

  /** A status older than this is reported as possibly stale. */
  @WithDefault("PT24H")
  Duration staleAfter();

  Pricing pricing();

  GrantExpiry grantExpiry();

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

  /** The scheduled forfeit of expired grants. */
  interface GrantExpiry {
    /** How often each replica checks, in the scheduler's syntax such as {@code 1m}. */
    @WithDefault("1m")
    String checkInterval();
  }

  /** Stripe account settings; without an API key the Stripe commands are unavailable. */
  interface Stripe {
    Optional<String> apiKey();

    Optional<String> webhookSecret();

    /** Base URL of the Stripe API; tests point it at a loopback fake. */
    Optional<String> apiBase();

    /** Price id of the subscription plan that {@code checkout} sells. */
    Optional<String> subscriptionPrice();

    /** ISO currency code of credit packs, in lower case. */
    @WithDefault("usd")
    String currency();

    /** Return URL of Stripe Checkout after a payment or setup. */
    @WithDefault("http://127.0.0.1:8081/billing?checkout=success")
    String successUrl();

    /** Return URL of Stripe Checkout when the person cancels. */
    @WithDefault("http://127.0.0.1:8081/billing?checkout=cancel")
    String cancelUrl();

    /** Return URL of the Billing Portal. */
    @WithDefault("http://127.0.0.1:8081/billing")
    String portalReturnUrl();

    /** Smallest credit pack, in minor units of the currency (cents). */
    @WithDefault("500")
    long minCreditsAmount();

    /** Largest credit pack, in minor units of the currency (cents). */
    @WithDefault("100000")
    long maxCreditsAmount();

    /** Accepted age of a webhook signature's timestamp, in seconds. */
    @WithDefault("300")
    long webhookToleranceSeconds();
  }
}
