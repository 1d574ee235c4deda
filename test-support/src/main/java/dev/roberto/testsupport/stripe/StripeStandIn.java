package dev.roberto.testsupport.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stand-in for Stripe's API: WireMock on 127.0.0.1, for billing-service started in a child JVM by
 * clients' tests. Stripe is a third party, so it is the one part faked here. Responses are Stripe's
 * own example objects, the fixtures of billing-service's tests in {@code
 * billing-service/src/test/resources/stripe} (MIT licence beside them), with ids and URLs changed.
 */
public final class StripeStandIn {

  public static final String API_KEY = "sk_test_roberto_stand_in";
  public static final String WEBHOOK_SECRET = "whsec_roberto_stand_in";
  public static final String PLAN_PRICE = "price_roberto_plan";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = "billing-service/src/test/resources/stripe";

  private final WireMockServer server;

  private StripeStandIn(WireMockServer server) {
    this.server = server;
  }

  /** Starts the stand-in on a free loopback port, with no stubs. */
  public static StripeStandIn start() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stripe-stand-in-stop"));
    return new StripeStandIn(server);
  }

  /** Returns billing-service's settings that point its Stripe client at this stand-in. */
  public Map<String, String> billingSettings() {
    return Map.of(
        "roberto.billing.stripe.api-key", API_KEY,
        "roberto.billing.stripe.api-base", "http://127.0.0.1:" + server.port(),
        "roberto.billing.stripe.webhook-secret", WEBHOOK_SECRET,
        "roberto.billing.stripe.subscription-price", PLAN_PRICE);
  }

  public WireMockServer server() {
    return server;
  }

  /** Stubs customer creation to return the customer fixture under {@code customerId}. */
  public void customerCreates(String customerId) {
    respond(post(urlPathEqualTo("/v1/customers")), fixture("customer").put("id", customerId));
  }

  /** Stubs every new Checkout Session to return the fixture under this id and page URL. */
  public void checkoutSessionsOpen(String sessionId, String url) {
    respond(
        post(urlPathEqualTo("/v1/checkout/sessions")),
        fixture("checkout_session").put("id", sessionId).put("url", url));
  }

  /** Stubs every new Billing Portal session to return the fixture under this id and URL. */
  public void portalSessionsOpen(String sessionId, String url) {
    respond(
        post(urlPathEqualTo("/v1/billing_portal/sessions")),
        fixture("billing_portal_session").put("id", sessionId).put("url", url));
  }

  /** Stubs the subscription and Checkout Session lists that a sync reads to return none. */
  public void nothingToSync() {
    respond(get(urlPathEqualTo("/v1/subscriptions")), emptyList("/v1/subscriptions"));
    respond(get(urlPathEqualTo("/v1/checkout/sessions")), emptyList("/v1/checkout/sessions"));
  }

  /**
   * Stubs new Checkout Sessions to fail with a Stripe API error: HTTP {@code status}, Stripe's
   * error object and its {@code Request-Id} header.
   */
  public void checkoutSessionsFail(
      int status, String type, String code, String message, String requestId) {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("type", type).put("code", code).put("message", message);
    server.stubFor(
        post(urlPathEqualTo("/v1/checkout/sessions"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", requestId)
                    .withBody(error.toString())));
  }

  /** Removes every stub and the request journal. */
  public void reset() {
    server.resetAll();
  }

  /** Returns a fresh copy of one of Stripe's example objects, such as {@code customer}. */
  public static ObjectNode fixture(String name) {
    Path file = repositoryRoot().resolve(FIXTURES).resolve(name + ".json");
    try {
      return (ObjectNode) JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the Stripe fixture " + file + " failed", e);
    }
  }

  private void respond(MappingBuilder request, ObjectNode body) {
    server.stubFor(
        request.willReturn(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_roberto_stand_in")
                .withBody(body.toString())));
  }

  private static ObjectNode emptyList(String url) {
    ObjectNode list = JSON.createObjectNode();
    list.put("object", "list").put("url", url).put("has_more", false);
    list.putArray("data");
    return list;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(FIXTURES))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No Roberto repository with " + FIXTURES + " above " + Path.of("").toAbsolutePath());
  }
}
