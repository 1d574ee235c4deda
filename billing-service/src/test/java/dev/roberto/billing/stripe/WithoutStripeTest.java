package dev.roberto.billing.stripe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment without Stripe keys, such as the local stack: credits only. */
@QuarkusTest
@TestProfile(WithoutStripeTest.NoStripe.class)
@TestSecurity(user = "owner-1", roles = "owner")
@OidcSecurity(claims = @Claim(key = "workspace", value = WithoutStripeTest.WORKSPACE))
class WithoutStripeTest {

  static final String WORKSPACE = "9e8d7c6b-5a49-4382-a1b0-c9d800000001";

  /** Clears the keys that the Stripe fake sets for the other tests. */
  public static class NoStripe implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "roberto.billing.stripe.api-key", "",
          "roberto.billing.stripe.webhook-secret", "");
    }
  }

  @Test
  void stripeCommandsAnswerNotConfigured() {
    for (String command : new String[] {"setup", "checkout", "portal", "sync"}) {
      given()
          .post("/api/billing/" + command)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("code", equalTo("stripe_not_configured"))
          .body("hint", containsString("ROBERTO_BILLING_STRIPE_API_KEY"));
    }
  }

  @Test
  void creditsStillWork() {
    given()
        .get("/api/billing/status")
        .then()
        .statusCode(200)
        .body("creditBalanceMicros", equalTo(5_000_000))
        .body("entitlements.gateway", equalTo(true))
        .body("readiness.stripeConfigured", equalTo(false));
  }

  @Test
  void webhookAnswersNotConfigured() {
    given()
        .contentType("application/json")
        .header("Stripe-Signature", "t=1,v1=00")
        .body("{}")
        .post("/api/billing/stripe/webhook")
        .then()
        .statusCode(503)
        .body("code", equalTo("stripe_not_configured"));
  }
}
