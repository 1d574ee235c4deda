package dev.roberto.integration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.service.ServiceApplication;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The billing page's buttons against the real billing-service of a deployment without Stripe. */
class BillingPageWithoutStripeTest {

  private static ServiceApplication billing;
  private static AuthServiceProcess auth;

  @BeforeAll
  static void startServices() {
    billing = ServiceApplication.start("billing-service", Map.of());
    auth =
        AuthServiceProcess.shared()
            .startReplica(Map.of("roberto.web.billing-service-url", billing.url()));
  }

  @AfterAll
  static void stopServices() {
    auth.stop();
    billing.stop();
  }

  @Test
  void choosePlanExplainsStripeIsMissing() {
    BillingPage page =
        BillingPage.signIn(
            auth.url(),
            AuthServiceProcess.OWNER_EMAIL,
            AuthServiceProcess.OWNER_PASSWORD,
            TestUsers.workspaceId());

    Response response = page.click("checkout");

    assertEquals(503, response.statusCode());
    String html = response.asString();
    assertThat(html, containsString("Stripe is not configured"));
    assertThat(html, containsString("billing works on credits only"));
    assertThat(html, containsString("ROBERTO_BILLING_STRIPE_API_KEY"));
    assertThat(html, containsString("Choose a plan"));
  }
}
