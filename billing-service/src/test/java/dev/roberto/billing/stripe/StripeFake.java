package dev.roberto.billing.stripe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Stripe API faked by WireMock on 127.0.0.1, with stripe-java of the service pointed at it.
 * Responses are Stripe's own example objects from src/test/resources/stripe, with ids and fields
 * changed per test.
 */
public class StripeFake implements QuarkusTestResourceLifecycleManager {

  public static final String API_KEY = "sk_test_roberto_fake";
  public static final String WEBHOOK_SECRET = "whsec_roberto_test_secret";
  public static final String PLAN_PRICE = "price_roberto_plan";

  static final ObjectMapper JSON = new ObjectMapper();

  private static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return Map.of(
        "roberto.billing.stripe.api-key", API_KEY,
        "roberto.billing.stripe.api-base", "http://127.0.0.1:" + server.port(),
        "roberto.billing.stripe.webhook-secret", WEBHOOK_SECRET,
        "roberto.billing.stripe.subscription-price", PLAN_PRICE);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  public static WireMockServer server() {
    return server;
  }

  /** Returns a fresh copy of one of Stripe's example objects, such as {@code customer}. */
  public static ObjectNode fixture(String name) {
    try (InputStream in = StripeFake.class.getResourceAsStream("/stripe/" + name + ".json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
