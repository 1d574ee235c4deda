package dev.roberto.gateway.usage;

import dev.roberto.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Costs from the configured price table, in integer micro-units, rounded up. */
@ApplicationScoped
public class Pricing {

  private static final long MILLION = 1_000_000L;

  private final GatewayConfig config;

  public Pricing(GatewayConfig config) {
    this.config = config;
  }

  /**
   * Returns the cost of a call. {@code inputTokens} includes the cached ones, which are charged at
   * the cached price instead of the input price.
   */
  public long cost(String model, long inputTokens, long outputTokens, long cachedTokens) {
    GatewayConfig.Price price = config.prices().get(model);
    if (price == null) {
      return 0;
    }
    long uncached = Math.max(0, inputTokens - cachedTokens);
    long scaled =
        Math.addExact(
            Math.addExact(
                Math.multiplyExact(uncached, price.inputPerMillion()),
                Math.multiplyExact(cachedTokens, price.cachedPerMillion())),
            Math.multiplyExact(outputTokens, price.outputPerMillion()));
    return (scaled + MILLION - 1) / MILLION;
  }
}
