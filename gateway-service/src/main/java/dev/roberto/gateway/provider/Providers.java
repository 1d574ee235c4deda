package dev.roberto.gateway.provider;

import dev.roberto.gateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured providers: which serve a model, in order of preference, and the circuit breaker of
 * each (SmallRye Fault Tolerance).
 */
@ApplicationScoped
public class Providers {

  private final GatewayConfig config;
  private final Map<String, TypedGuard<Uni<UpstreamExchange>>> breakers = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreakerState> breakerStates = new ConcurrentHashMap<>();

  /** Routes by kind and model, computed once because the configuration is fixed at startup. */
  private final Map<GatewayConfig.Kind, Map<String, List<ProviderRoute>>> routes;

  private final Set<String> models;

  public Providers(GatewayConfig config) {
    this.config = config;
    Set<String> served = new TreeSet<>();
    config.providers().values().forEach(provider -> served.addAll(provider.models()));
    this.models = Collections.unmodifiableSet(served);
    Map<GatewayConfig.Kind, Map<String, List<ProviderRoute>>> byKind =
        new EnumMap<>(GatewayConfig.Kind.class);
    for (GatewayConfig.Kind kind : GatewayConfig.Kind.values()) {
      Map<String, List<ProviderRoute>> byModel = new HashMap<>();
      for (String model : served) {
        List<ProviderRoute> found = findServing(kind, model);
        if (!found.isEmpty()) {
          byModel.put(model, found);
        }
      }
      byKind.put(kind, Map.copyOf(byModel));
    }
    this.routes = byKind;
  }

  /** Returns the providers of the kind that serve the model, most preferred first. */
  public List<ProviderRoute> serving(GatewayConfig.Kind kind, String model) {
    return routes.get(kind).getOrDefault(model, List.of());
  }

  /** Returns every model some provider serves, sorted. */
  public Set<String> models() {
    return models;
  }

  private List<ProviderRoute> findServing(GatewayConfig.Kind kind, String model) {
    return config.providers().entrySet().stream()
        .filter(entry -> entry.getValue().kind() == kind)
        .filter(entry -> entry.getValue().models().contains(model))
        .map(entry -> new ProviderRoute(entry.getKey(), entry.getValue()))
        .sorted(
            Comparator.comparingInt((ProviderRoute route) -> route.provider().priority())
                .thenComparing(ProviderRoute::name))
        .toList();
  }

  /** Returns the provider's names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(config.providers().keySet());
  }

  /** Runs the attempt through the provider's circuit breaker. */
  public Uni<UpstreamExchange> guarded(
      String provider, java.util.function.Supplier<Uni<UpstreamExchange>> attempt) {
    return breakers.computeIfAbsent(provider, this::newBreaker).get(attempt);
  }

  /** Returns the breaker state of the provider: closed until its first call. */
  public CircuitBreakerState breakerState(String provider) {
    return breakerStates.getOrDefault(provider, CircuitBreakerState.CLOSED);
  }

  private TypedGuard<Uni<UpstreamExchange>> newBreaker(String provider) {
    GatewayConfig.Breaker breaker = config.breaker();
    return TypedGuard.create(new TypeLiteral<Uni<UpstreamExchange>>() {})
        .withDescription("provider " + provider)
        .withCircuitBreaker()
        .requestVolumeThreshold(breaker.requestVolumeThreshold())
        .failureRatio(breaker.failureRatio())
        .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
        .failOn(ProviderFailure.class)
        .onStateChange(state -> breakerStates.put(provider, state))
        .done()
        .build();
  }
}
