package dev.roberto.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Stripe commands against the WireMock fake of the Stripe API. */
@QuarkusTest
@TestSecurity(user = "owner-1", roles = "owner")
@OidcSecurity(claims = @Claim(key = "workspace", value = StripeCommandTest.WORKSPACE))
class StripeCommandTest {

  static final String WORKSPACE = "3f0a1b2c-4d5e-4f60-8a7b-9c0d00000001";
  static final String SETUP_WORKSPACE = "3f0a1b2c-4d5e-4f60-8a7b-9c0d00000003";
  static final String CUSTOMER = "cus_RobertoTest01";

  WireMockServer stripe;

  @BeforeEach
  void resetStripe() {
    stripe = StripeFake.server();
    stripe.resetAll();
    ObjectNode customer = StripeFake.fixture("customer").put("id", CUSTOMER);
    respond(post(urlPathEqualTo("/v1/customers")), 200, customer);
    ObjectNode session =
        StripeFake.fixture("checkout_session")
            .put("id", "cs_test_roberto")
            .put("url", "https://checkout.stripe.com/c/pay/cs_test_roberto");
    respond(post(urlPathEqualTo("/v1/checkout/sessions")), 200, session);
  }

  @Test
  @TestSecurity(user = "owner-3", roles = "owner")
  @OidcSecurity(claims = @Claim(key = "workspace", value = SETUP_WORKSPACE))
  void setupCreatesCustomerOnce() {
    respond(
        post(urlPathEqualTo("/v1/customers")),
        200,
        StripeFake.fixture("customer").put("id", "cus_RobertoSetup"));

    for (int i = 0; i < 2; i++) {
      given()
          .post("/api/billing/setup")
          .then()
          .statusCode(200)
          .body("sessionId", Matchers.equalTo("cs_test_roberto"))
          .body("url", startsWith("https://checkout.stripe.com/"));
    }

    stripe.verify(
        1,
        postRequestedFor(urlPathEqualTo("/v1/customers"))
            .withHeader("Idempotency-Key", equalTo("roberto-customer-" + SETUP_WORKSPACE))
            .withHeader("Authorization", equalTo("Bearer " + StripeFake.API_KEY)));
    stripe.verify(
        2,
        postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
            .withRequestBody(containing("mode=setup"))
            .withRequestBody(containing("customer=cus_RobertoSetup")));
    given()
        .get("/api/billing/status")
        .then()
        .body("readiness.hasCustomer", Matchers.equalTo(true))
        .body("readiness.canOpenPortal", Matchers.equalTo(true));
  }

  @Test
  void checkoutSellsConfiguredPlan() {
    given()
        .post("/api/billing/checkout")
        .then()
        .statusCode(200)
        .body("url", startsWith("https://"));

    stripe.verify(
        postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
            .withRequestBody(containing("mode=subscription"))
            .withRequestBody(containing(StripeFake.PLAN_PRICE))
            .withRequestBody(containing("client_reference_id=" + WORKSPACE)));
  }

  @Test
  void creditsCheckoutValidatesAmount() {
    given()
        .contentType("application/json")
        .body("{\"amount\": 2000}")
        .post("/api/billing/credits-checkout")
        .then()
        .statusCode(200)
        .body("sessionId", Matchers.equalTo("cs_test_roberto"));
    stripe.verify(
        postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
            .withRequestBody(containing("mode=payment"))
            .withRequestBody(containing("[unit_amount]=2000"))
            .withRequestBody(containing("metadata[kind]=credits")));

    for (String body : new String[] {"{\"amount\": 10}", "{\"amount\": 100000000}", "{}"}) {
      given()
          .contentType("application/json")
          .body(body)
          .post("/api/billing/credits-checkout")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", Matchers.equalTo("validation_failed"))
          .body("hint", Matchers.containsString("minor units"));
    }
  }

  @Test
  @TestSecurity(user = "owner-2", roles = "owner")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "3f0a1b2c-4d5e-4f60-8a7b-9c0d00000002"))
  void portalWithoutCustomerPointsToSetup() {
    given()
        .post("/api/billing/portal")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", Matchers.equalTo("stripe_customer_missing"))
        .body("hint", Matchers.containsString("roberto billing setup"));
  }

  @Test
  void portalOpensForCustomer() {
    given().post("/api/billing/setup").then().statusCode(200);
    ObjectNode portal = StripeFake.fixture("billing_portal_session").put("customer", CUSTOMER);
    respond(post(urlPathEqualTo("/v1/billing_portal/sessions")), 200, portal);

    given()
        .post("/api/billing/portal")
        .then()
        .statusCode(200)
        .body("sessionId", Matchers.equalTo(portal.get("id").asText()))
        .body("url", Matchers.equalTo(portal.get("url").asText()));
    stripe.verify(
        postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
            .withRequestBody(containing("customer=" + CUSTOMER)));
  }

  @Test
  void stripeErrorBecomesProblem() {
    ObjectNode error = StripeFake.JSON.createObjectNode();
    error
        .putObject("error")
        .put("type", "invalid_request_error")
        .put("code", "resource_missing")
        .put("param", "line_items[0][price]")
        .put("message", "No such price: 'price_roberto_plan'");
    stripe.stubFor(
        post(urlPathEqualTo("/v1/checkout/sessions"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_roberto123")
                    .withBody(error.toString())));

    given()
        .post("/api/billing/checkout")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("code", Matchers.equalTo("stripe_error"))
        .body("stripeType", Matchers.equalTo("invalid_request_error"))
        .body("stripeCode", Matchers.equalTo("resource_missing"))
        .body("stripeMessage", Matchers.equalTo("No such price: 'price_roberto_plan'"))
        .body("stripeRequestId", Matchers.equalTo("req_roberto123"))
        .body("hint", Matchers.containsString("req_roberto123"));
  }

  @Test
  void syncReadsSubscriptionAndPurchases() {
    given().post("/api/billing/setup").then().statusCode(200);
    ObjectNode subscription =
        StripeEvents.subscription(WORKSPACE, CUSTOMER, "active").put("id", "sub_roberto_sync");
    respond(get(urlPathEqualTo("/v1/subscriptions")), 200, list("/v1/subscriptions", subscription));
    ObjectNode purchase = StripeEvents.paidCreditsSession(WORKSPACE, 1500);
    purchase.put("customer", CUSTOMER);
    respond(
        get(urlPathEqualTo("/v1/checkout/sessions")), 200, list("/v1/checkout/sessions", purchase));
    long before =
        given()
            .get("/api/billing/status")
            .then()
            .extract()
            .jsonPath()
            .getLong("creditBalanceMicros");

    for (int i = 0; i < 2; i++) {
      given()
          .post("/api/billing/sync")
          .then()
          .statusCode(200)
          .body("subscription.status", Matchers.equalTo("active"))
          .body("readiness.hasSubscription", Matchers.equalTo(true))
          .body("creditBalanceMicros", Matchers.equalTo((int) (before + 1500 * 10_000)))
          .body("lastSyncedAt", Matchers.notNullValue())
          .body("stale", Matchers.equalTo(false));
    }
  }

  @Test
  void syncFollowsEveryPage() {
    given().post("/api/billing/setup").then().statusCode(200);
    ObjectNode canceled =
        StripeEvents.subscription(WORKSPACE, CUSTOMER, "canceled").put("id", "sub_roberto_old");
    ObjectNode firstPage = list("/v1/subscriptions", canceled).put("has_more", true);
    respond(get(urlPathEqualTo("/v1/subscriptions")), 200, firstPage);
    ObjectNode active =
        StripeEvents.subscription(WORKSPACE, CUSTOMER, "active").put("id", "sub_roberto_new");
    respond(
        get(urlPathEqualTo("/v1/subscriptions"))
            .withQueryParam("starting_after", equalTo("sub_roberto_old"))
            .withQueryParam("customer", equalTo(CUSTOMER)),
        200,
        list("/v1/subscriptions", active));
    ObjectNode purchase = StripeEvents.paidCreditsSession(WORKSPACE, 700);
    purchase.put("customer", CUSTOMER);
    respond(
        get(urlPathEqualTo("/v1/checkout/sessions")), 200, list("/v1/checkout/sessions", purchase));

    given()
        .post("/api/billing/sync")
        .then()
        .statusCode(200)
        .body("subscription.status", Matchers.equalTo("active"));

    stripe.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v1/subscriptions"))
            .withQueryParam("starting_after", equalTo("sub_roberto_old")));
  }

  @Test
  @TestSecurity(user = "member-1", roles = "member")
  @OidcSecurity(claims = @Claim(key = "workspace", value = WORKSPACE))
  void memberCannotPay() {
    given()
        .post("/api/billing/setup")
        .then()
        .statusCode(403)
        .body("code", Matchers.equalTo("forbidden"));
  }

  private static ObjectNode list(String url, ObjectNode item) {
    ObjectNode list = StripeFake.JSON.createObjectNode();
    list.put("object", "list").put("url", url).put("has_more", false);
    ArrayNode data = list.putArray("data");
    data.add(item);
    return list;
  }

  private void respond(MappingBuilder request, int status, ObjectNode body) {
    stripe.stubFor(
        request.willReturn(
            aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_roberto_ok")
                .withBody(body.toString())));
  }
}
