package dev.roberto.gateway.metrics;

import dev.roberto.gateway.provider.Providers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Prometheus metrics of gateway calls: requests by endpoint and status, latency, time to first
 * token, tokens, provider errors and each provider's breaker state.
 */
@ApplicationScoped
public class GatewayMetrics {

  private final MeterRegistry registry;
  private final Providers providers;

  public GatewayMetrics(MeterRegistry registry, Providers providers) {
    this.registry = registry;
    this.providers = providers;
  }

  void registerBreakerGauges(@Observes StartupEvent startup) {
    for (String provider : providers.names()) {
      Gauge.builder(
              "roberto.gateway.breaker.state", () -> stateValue(providers.breakerState(provider)))
          .description("Circuit breaker of the provider: 0 closed, 1 half-open, 2 open")
          .tag("provider", provider)
          .register(registry);
    }
  }

  /** Counts a gateway request by endpoint and the status the client got. */
  public void request(String endpoint, int status) {
    Counter.builder("roberto.gateway.requests")
        .description("Gateway requests by endpoint and response status")
        .tag("endpoint", endpoint)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  /** Records a finished provider call: its latency and the tokens it used. */
  public void call(
      String provider, String model, Duration latency, long inputTokens, long outputTokens) {
    Timer.builder("roberto.gateway.latency")
        .description("Time from request to the end of the provider's response")
        .tag("provider", provider)
        .tag("model", model)
        .register(registry)
        .record(latency);
    tokens(provider, model, "input", inputTokens);
    tokens(provider, model, "output", outputTokens);
  }

  /** Records the time until the first streamed event reached the client. */
  public void firstToken(String provider, String model, Duration elapsed) {
    Timer.builder("roberto.gateway.time.to.first.token")
        .description("Time from request to the first streamed event sent to the client")
        .tag("provider", provider)
        .tag("model", model)
        .register(registry)
        .record(elapsed);
  }

  /** Counts a failed attempt at a provider. */
  public void providerError(String provider) {
    Counter.builder("roberto.gateway.provider.errors")
        .description("Failed provider attempts: connect errors, timeouts, 5xx, dropped streams")
        .tag("provider", provider)
        .register(registry)
        .increment();
  }

  private void tokens(String provider, String model, String kind, long count) {
    Counter.builder("roberto.gateway.tokens")
        .description("Tokens of gateway calls as providers reported them, or estimated")
        .tag("provider", provider)
        .tag("model", model)
        .tag("kind", kind)
        .register(registry)
        .increment(count);
  }

  private static double stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }
}
