package dev.roberto.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import dev.roberto.billing.config.BillingConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Stripe client of this deployment, and a way to call it without blocking the event loop:
 * stripe-java is blocking, so calls run on a worker thread and their result comes back on the
 * caller's Vert.x context, where the reactive database session lives.
 */
@ApplicationScoped
public class StripeApi {

  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int NETWORK_RETRIES = 2;

  /** One Stripe API call. */
  @FunctionalInterface
  public interface Call<T> {
    T run(StripeClient client) throws StripeException;
  }

  private final StripeClient client;

  public StripeApi(BillingConfig config) {
    this.client = config.stripe().apiKey().map(key -> build(key, config.stripe())).orElse(null);
  }

  public boolean isConfigured() {
    return client != null;
  }

  /**
   * Runs the call on a worker thread; a Stripe error becomes a {@code stripe_error} problem, and a
   * deployment without an API key gets {@code stripe_not_configured}.
   */
  public <T> Uni<T> call(Call<T> call) {
    if (client == null) {
      return Uni.createFrom().failure(StripeProblems.notConfigured("Stripe API key"));
    }
    Context context = Vertx.currentContext();
    Uni<T> result =
        Uni.createFrom()
            .item(
                () -> {
                  try {
                    return call.run(client);
                  } catch (StripeException e) {
                    throw StripeProblems.fromStripe(e);
                  }
                })
            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    return context == null
        ? result
        : result.emitOn(command -> context.runOnContext(ignored -> command.run()));
  }

  private static StripeClient build(String apiKey, BillingConfig.Stripe settings) {
    StripeClient.StripeClientBuilder builder =
        StripeClient.builder()
            .setApiKey(apiKey)
            .setConnectTimeout(TIMEOUT_MILLIS)
            .setReadTimeout(TIMEOUT_MILLIS)
            .setMaxNetworkRetries(NETWORK_RETRIES);
    settings.apiBase().ifPresent(builder::setApiBase);
    return builder.build();
  }
}
