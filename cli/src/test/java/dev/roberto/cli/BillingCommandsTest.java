package dev.roberto.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.testsupport.stripe.StripeStandIn;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roberto billing ...} as separate processes against the real billing-service. Stripe's API
 * is faked by test-support's WireMock stand-in; everything else is real.
 */
class BillingCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_cli";
  private static final String PORTAL_URL = "https://billing.stripe.com/p/session/test_cli";

  @TempDir Path configHome;

  private Person person;
  private StripeStandIn stripe;

  @BeforeEach
  void signUpAndStubStripe() {
    stripe = ServicesUnderTest.stripe();
    stripe.reset();
    stripe.customerCreates("cus_cli_" + System.nanoTime());
    stripe.checkoutSessionsOpen("cs_test_cli", CHECKOUT_URL);
    stripe.portalSessionsOpen("bps_test_cli", PORTAL_URL);
    stripe.nothingToSync();
    person = Person.signUpAndLogIn(configHome, ServicesUnderTest.controlPlane().url());
  }

  @Test
  void statusOfNewWorkspace() throws Exception {
    CliProcess.Result text = roberto("billing", "status");

    assertEquals(0, text.exitCode(), text.stderr());
    assertTrue(text.stdout().contains("Workspace:    " + person.workspaceId()), text.stdout());
    assertTrue(text.stdout().contains("Credits:      5.00"), text.stdout());
    assertTrue(text.stdout().contains("Subscription: none"), text.stdout());
    assertTrue(text.stdout().contains("roberto billing setup"), text.stdout());

    CliProcess.Result json = roberto("--json", "billing", "status");
    JsonNode status = JSON.readTree(json.stdout());
    assertEquals(person.workspaceId(), status.path("workspaceId").asText());
    assertEquals(5_000_000, status.path("creditBalanceMicros").asLong());
    assertTrue(status.path("readiness").path("stripeConfigured").asBoolean());
    assertFalse(status.path("readiness").path("hasCustomer").asBoolean());
    assertTrue(status.path("entitlements").path("gateway").asBoolean());
  }

  @Test
  void portalWithoutCustomerPointsToSetup() {
    CliProcess.Result portal = roberto("billing", "portal", "--no-browser");

    assertEquals(ExitCodes.BILLING, portal.exitCode(), portal.stderr());
    assertTrue(portal.stderr().contains("[stripe_customer_missing]"), portal.stderr());
    assertTrue(portal.stderr().contains("Hint: Run `roberto billing setup`"), portal.stderr());
    assertEquals("", portal.stdout());
  }

  @Test
  void setupPrintsStripePageOnce() throws Exception {
    CliProcess.Result setup = roberto("billing", "setup", "--no-browser");

    assertEquals(0, setup.exitCode(), setup.stderr());
    assertEquals(CHECKOUT_URL, setup.stdout().strip());
    assertTrue(setup.stderr().contains("to add a payment method"), setup.stderr());
    assertFalse(setup.stderr().contains("browser window"), setup.stderr());
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader(
                    "Idempotency-Key", equalTo("roberto-customer-" + person.workspaceId())));
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=setup")));

    JsonNode status = JSON.readTree(roberto("--json", "billing", "status").stdout());
    assertTrue(status.path("readiness").path("hasCustomer").asBoolean());
    CliProcess.Result text = roberto("billing", "status");
    assertTrue(text.stdout().contains("roberto billing checkout"), text.stdout());
  }

  @Test
  void portalOpensAfterSetup() throws Exception {
    assertEquals(0, roberto("billing", "setup", "--no-browser").exitCode());

    CliProcess.Result portal = roberto("billing", "portal", "--no-browser");
    CliProcess.Result json = roberto("--json", "billing", "portal", "--no-browser");

    assertEquals(0, portal.exitCode(), portal.stderr());
    assertEquals(PORTAL_URL, portal.stdout().strip());
    JsonNode link = JSON.readTree(json.stdout());
    assertEquals("bps_test_cli", link.path("sessionId").asText());
    assertEquals(PORTAL_URL, link.path("url").asText());
  }

  @Test
  void checkoutAndCreditsCheckoutPrintPages() {
    CliProcess.Result checkout = roberto("billing", "checkout", "--no-browser");
    CliProcess.Result credits =
        roberto("billing", "credits-checkout", "--amount", "2000", "--no-browser");

    assertEquals(0, checkout.exitCode(), checkout.stderr());
    assertEquals(CHECKOUT_URL, checkout.stdout().strip());
    assertEquals(0, credits.exitCode(), credits.stderr());
    assertEquals(CHECKOUT_URL, credits.stdout().strip());
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing(StripeStandIn.PLAN_PRICE)));
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=payment"))
                .withRequestBody(containing("[unit_amount]=2000")));
  }

  @Test
  void creditsCheckoutRejectsTinyAmount() {
    CliProcess.Result tiny =
        roberto("billing", "credits-checkout", "--amount", "10", "--no-browser");
    CliProcess.Result missing = roberto("billing", "credits-checkout", "--no-browser");

    assertEquals(ExitCodes.FAILURE, tiny.exitCode(), tiny.stderr());
    assertTrue(tiny.stderr().contains("[validation_failed]"), tiny.stderr());
    assertTrue(tiny.stderr().contains("minor units"), tiny.stderr());
    assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.stderr());
    assertTrue(missing.stderr().contains("--amount"), missing.stderr());
  }

  @Test
  void stripeErrorShowsStripeDetails() throws Exception {
    stripe.checkoutSessionsFail(
        400,
        "invalid_request_error",
        "resource_missing",
        "No such price: 'price_roberto_plan'",
        "req_cli_stripe_error");

    CliProcess.Result text = roberto("billing", "checkout", "--no-browser");
    CliProcess.Result json = roberto("--json", "billing", "checkout", "--no-browser");

    assertEquals(ExitCodes.BILLING, text.exitCode(), text.stderr());
    assertTrue(text.stderr().contains("[stripe_error]"), text.stderr());
    assertTrue(text.stderr().contains("Stripe error type: invalid_request_error"), text.stderr());
    assertTrue(text.stderr().contains("Stripe error code: resource_missing"), text.stderr());
    assertTrue(
        text.stderr().contains("Stripe message: No such price: 'price_roberto_plan'"),
        text.stderr());
    assertTrue(text.stderr().contains("Stripe request id: req_cli_stripe_error"), text.stderr());
    assertEquals(ExitCodes.BILLING, json.exitCode(), json.stderr());
    JsonNode error = JSON.readTree(json.stderr().strip());
    assertEquals("stripe_error", error.path("code").asText());
    assertEquals("invalid_request_error", error.path("stripeType").asText());
    assertEquals("resource_missing", error.path("stripeCode").asText());
    assertEquals("req_cli_stripe_error", error.path("stripeRequestId").asText());
  }

  @Test
  void syncShowsFreshStatus() throws Exception {
    assertEquals(0, roberto("billing", "setup", "--no-browser").exitCode());

    CliProcess.Result sync = roberto("billing", "sync");
    JsonNode json = JSON.readTree(roberto("--json", "billing", "sync").stdout());

    assertEquals(0, sync.exitCode(), sync.stderr());
    assertTrue(sync.stdout().startsWith("Synced with Stripe."), sync.stdout());
    assertFalse(sync.stdout().contains("Last sync:    never"), sync.stdout());
    assertFalse(json.path("lastSyncedAt").isNull());
    assertFalse(json.path("stale").asBoolean());
  }

  @Test
  void summaryOfThisMonthShowsStarterGrant() throws Exception {
    YearMonth month = YearMonth.now(ZoneOffset.UTC);
    LocalDate first = month.atDay(1);

    CliProcess.Result text = roberto("billing", "summary", "--period", month.toString());
    JsonNode json =
        JSON.readTree(
            roberto("--json", "billing", "summary", "--period", month.toString()).stdout());

    assertEquals(0, text.exitCode(), text.stderr());
    assertTrue(
        text.stdout().contains("Period:       " + first + " to " + first.plusMonths(1)),
        text.stdout());
    assertTrue(text.stdout().contains("Granted:      5.00"), text.stdout());
    assertTrue(text.stdout().contains("(no usage in this period)"), text.stdout());
    assertEquals(5_000_000, json.path("grantedMicros").asLong());
    assertEquals(0, json.path("consumedMicros").asLong());
  }

  @Test
  void summaryRejectsBadPeriod() {
    CliProcess.Result result = roberto("billing", "summary", "--period", "2026-12-15..2026-12-01");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.stderr().contains("is empty"), result.stderr());
  }

  private CliProcess.Result roberto(String... args) {
    return CliProcess.run(configHome, ServicesUnderTest.environment(), args);
  }
}
