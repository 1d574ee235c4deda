package dev.roberto.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.service.ServiceApplication;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing page's buttons against the real billing-service, with Stripe faked by WireMock
 * ({@link StripeStandIn}). auth-service runs as a replica of the shared test auth-service that
 * calls this billing-service.
 */
class BillingPageStripeTest {

  private static StripeStandIn stripe;
  private static ServiceApplication billing;
  private static AuthServiceProcess auth;

  @BeforeAll
  static void startServices() {
    stripe = new StripeStandIn().start();
    billing = ServiceApplication.start("billing-service", stripe.billingSettings());
    auth =
        AuthServiceProcess.shared()
            .startReplica(Map.of("roberto.web.billing-service-url", billing.url()));
  }

  @AfterAll
  static void stopServices() {
    auth.stop();
    billing.stop();
    stripe.stop();
  }

  @BeforeEach
  void resetStripe() {
    stripe.reset();
  }

  private static BillingPage asOwner() {
    return BillingPage.signIn(
        auth.url(),
        AuthServiceProcess.OWNER_EMAIL,
        AuthServiceProcess.OWNER_PASSWORD,
        TestUsers.workspaceId());
  }

  @Test
  void choosePlanRedirectsToCheckout() {
    Response response = asOwner().click("checkout");

    assertEquals(303, response.statusCode());
    assertEquals(StripeStandIn.CHECKOUT_URL, response.header("Location"));
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing("client_reference_id=" + TestUsers.workspaceId())));
  }

  @Test
  void buyCreditsSendsAmount() {
    Response response = asOwner().click("credits-checkout", Map.of("amount", "2000"));

    assertEquals(303, response.statusCode());
    assertEquals(StripeStandIn.CHECKOUT_URL, response.header("Location"));
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=payment"))
                .withRequestBody(containing("[unit_amount]=2000")));
  }

  @Test
  void creditsOutsideRangeShowBillingHint() {
    Response response = asOwner().click("credits-checkout", Map.of("amount", "10"));

    assertEquals(400, response.statusCode());
    assertThat(response.asString(), containsString("Invalid credit amount"));
    assertThat(response.asString(), containsString("between 500 and 100000"));
    stripe.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
  }

  @Test
  void paymentMethodThenManageBilling() {
    BillingPage page = asOwner();

    Response setup = page.click("setup");
    Response portal = page.click("portal");

    assertEquals(303, setup.statusCode());
    assertEquals(StripeStandIn.CHECKOUT_URL, setup.header("Location"));
    assertEquals(303, portal.statusCode());
    assertEquals(StripeStandIn.PORTAL_URL, portal.header("Location"));
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
                .withRequestBody(containing("customer=" + StripeStandIn.CUSTOMER)));
  }

  @Test
  void stripeErrorIsShownOnPage() {
    stripe
        .server()
        .stubFor(
            post(urlPathEqualTo("/v1/checkout/sessions"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Request-Id", "req_integration")
                        .withBody(
                            "{\"error\":{\"type\":\"invalid_request_error\","
                                + "\"code\":\"resource_missing\","
                                + "\"message\":\"No such price: 'price_roberto_integration'\"}}")));

    Response response = asOwner().click("checkout");

    assertEquals(502, response.statusCode());
    String page = response.asString();
    assertThat(page, containsString("Stripe request failed"));
    assertThat(page, containsString("No such price"));
    assertThat(page, containsString("req_integration"));
    assertThat(page, not(containsString("Exception")));
  }

  @Test
  void memberGetsNoButtons() {
    TestUsers.accessToken("member");
    BillingPage page =
        BillingPage.signIn(
            auth.url(), TestUsers.emailOf("member"), TestUsers.PASSWORD, TestUsers.workspaceId());

    String html = page.open();
    Response posted = page.click("checkout");

    assertThat(html, containsString(AuthServiceProcess.WORKSPACE_NAME));
    assertThat(html, not(containsString("Choose a plan")));
    assertThat(html, not(containsString("Buy credits")));
    assertThat(html, not(containsString("Manage billing")));
    assertEquals(403, posted.statusCode());
    stripe.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
  }
}
