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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of gateway calls: requests by endpoint and status, latency, time to first
 * token, tokens, provider errors and each provider's breaker state.
 */
@ApplicationScoped
public class GatewayMetrics {

  private final MeterRegistry registry;
  private final Providers providers;

  // Meters are looked up here instead of through their builders, which the registry resolves on
  // every call. Models come only from the configured providers, so the maps stay small.
  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final Map<CallKey, CallMeters> calls = new ConcurrentHashMap<>();
  private final Map<String, Counter> providerErrors = new ConcurrentHashMap<>();

  private record RequestKey(String endpoint, int status) {}

  private record CallKey(String provider, String model) {}

  private record CallMeters(
      Timer latency, Timer timeToFirstToken, Counter inputTokens, Counter outputTokens) {}

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
    requests
        .computeIfAbsent(
            new RequestKey(endpoint, status),
            key ->
                Counter.builder("roberto.gateway.requests")
                    .description("Gateway requests by endpoint and response status")
                    .tag("endpoint", key.endpoint())
                    .tag("status", Integer.toString(key.status()))
                    .register(registry))
        .increment();
  }

  /** Records a finished provider call: its latency and the tokens it used. */
  public void call(
      String provider, String model, Duration latency, long inputTokens, long outputTokens) {
    CallMeters meters = callMeters(provider, model);
    meters.latency().record(latency);
    meters.inputTokens().increment(inputTokens);
    meters.outputTokens().increment(outputTokens);
  }

  /** Records the time until the first streamed event reached the client. */
  public void firstToken(String provider, String model, Duration elapsed) {
    callMeters(provider, model).timeToFirstToken().record(elapsed);
  }

  /** Counts a failed attempt at a provider. */
  public void providerError(String provider) {
    providerErrors
        .computeIfAbsent(
            provider,
            name ->
                Counter.builder("roberto.gateway.provider.errors")
                    .description(
                        "Failed provider attempts: connect errors, timeouts, 5xx, dropped streams")
                    .tag("provider", name)
                    .register(registry))
        .increment();
  }

  private CallMeters callMeters(String provider, String model) {
    return calls.computeIfAbsent(
        new CallKey(provider, model),
        key ->
            new CallMeters(
                Timer.builder("roberto.gateway.latency")
                    .description("Time from request to the end of the provider's response")
                    .tag("provider", provider)
                    .tag("model", model)
                    .register(registry),
                Timer.builder("roberto.gateway.time.to.first.token")
                    .description("Time from request to the first streamed event sent to the client")
                    .tag("provider", provider)
                    .tag("model", model)
                    .register(registry),
                tokens(provider, model, "input"),
                tokens(provider, model, "output")));
  }

  private Counter tokens(String provider, String model, String kind) {
    return Counter.builder("roberto.gateway.tokens")
        .description("Tokens of gateway calls as providers reported them, or estimated")
        .tag("provider", provider)
        .tag("model", model)
        .tag("kind", kind)
        .register(registry);
  }

  private static double stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }
}
