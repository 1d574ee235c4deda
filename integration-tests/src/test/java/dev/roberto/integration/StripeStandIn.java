package dev.roberto.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;

/**
 * The Stripe API faked by WireMock on 127.0.0.1, because Stripe is a third party that tests must
 * not call. It returns the customer, Checkout Session and portal session objects that
 * billing-service reads, with only the fields it uses.
 */
final class StripeStandIn {

  static final String API_KEY = "sk_test_roberto_integration";
  static final String CUSTOMER = "cus_RobertoIntegration";
  static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_integration";
  static final String PORTAL_URL = "https://billing.stripe.com/p/session/test_integration";

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  StripeStandIn start() {
    server.start();
    answerDefaults();
    return this;
  }

  void stop() {
    server.stop();
  }

  WireMockServer server() {
    return server;
  }

  /** Returns billing-service's settings that point stripe-java at this server. */
  Map<String, String> billingSettings() {
    return Map.of(
        "roberto.billing.stripe.api-key",
        API_KEY,
        "roberto.billing.stripe.api-base",
        "http://127.0.0.1:" + server.port(),
        "roberto.billing.stripe.webhook-secret",
        "whsec_roberto_integration",
        "roberto.billing.stripe.subscription-price",
        "price_roberto_integration");
  }

  /** Clears the recorded requests and stubs, then stubs a successful response to every call. */
  void reset() {
    server.resetAll();
    answerDefaults();
  }

  private void answerDefaults() {
    server.stubFor(
        post(urlPathEqualTo("/v1/customers"))
            .willReturn(okJson("{\"id\":\"" + CUSTOMER + "\",\"object\":\"customer\"}")));
    server.stubFor(
        post(urlPathEqualTo("/v1/checkout/sessions"))
            .willReturn(
                okJson(
                    "{\"id\":\"cs_test_integration\",\"object\":\"checkout.session\",\"url\":\""
                        + CHECKOUT_URL
                        + "\"}")));
    server.stubFor(
        post(urlPathEqualTo("/v1/billing_portal/sessions"))
            .willReturn(
                okJson(
                    "{\"id\":\"bps_test_integration\",\"object\":\"billing_portal.session\","
                        + "\"url\":\""
                        + PORTAL_URL
                        + "\"}")));
  }
}
