package dev.roberto.billing.usage;

import dev.roberto.billing.config.BillingConfig;
import dev.roberto.events.UsageRecorded;
import jakarta.enterprise.context.ApplicationScoped;

/** Prices a usage event: its own cost when the producer set one, else the configured prices. */
@ApplicationScoped
public class UsagePricing {

  private final BillingConfig.Pricing pricing;

  public UsagePricing(BillingConfig config) {
    this.pricing = config.pricing();
  }

  /** Returns the cost in micro-units, never negative. */
  public long costMicros(UsageRecorded usage) {
    if (usage.costMicros() != null) {
      return Math.max(0, usage.costMicros());
    }
    long cost =
        Math.addExact(
            Math.multiplyExact(Math.max(0, usage.inputTokens()), pricing.inputTokenMicros()),
            Math.multiplyExact(Math.max(0, usage.outputTokens()), pricing.outputTokenMicros()));
    return Math.addExact(
        cost, Math.multiplyExact(Math.max(0, usage.cachedTokens()), pricing.cachedTokenMicros()));
  }
}
