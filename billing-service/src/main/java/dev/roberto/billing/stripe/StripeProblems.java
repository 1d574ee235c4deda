package dev.roberto.billing.stripe;

import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import dev.roberto.common.problem.ProblemException;

/** Problems of the Stripe commands. */
public final class StripeProblems {

  static final String NOT_CONFIGURED = "stripe_not_configured";
  static final String STRIPE_ERROR = "stripe_error";
  static final String CUSTOMER_MISSING = "stripe_customer_missing";

  private StripeProblems() {}

  static ProblemException notConfigured(String missing) {
    return new ProblemException(
        503,
        NOT_CONFIGURED,
        "Stripe is not configured",
        "This deployment has no " + missing + ", so billing works on credits only.",
        "Set ROBERTO_BILLING_STRIPE_API_KEY (and ROBERTO_BILLING_STRIPE_WEBHOOK_SECRET,"
            + " ROBERTO_BILLING_STRIPE_SUBSCRIPTION_PRICE) for billing-service and restart it.");
  }

  static ProblemException customerMissing() {
    return new ProblemException(
        409,
        CUSTOMER_MISSING,
        "No Stripe customer",
        "This workspace has no Stripe customer yet.",
        "Run `roberto billing setup` first.");
  }

  /**
   * Wraps an error that the Stripe API returned, with Stripe's error type, code, message and
   * request id, so a person can quote them to support.
   */
  static ProblemException fromStripe(StripeException e) {
    StripeError error = e.getStripeError();
    String type = error != null ? error.getType() : null;
    String message =
        error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
    ProblemException problem =
        new ProblemException(
            502,
            STRIPE_ERROR,
            "Stripe request failed",
            "Stripe answered: " + message,
            e.getRequestId() != null
                ? "Try again later; if it keeps failing, quote Stripe request id "
                    + e.getRequestId()
                    + " to support."
                : "Try again later; if it keeps failing, contact support.");
    problem.with("stripeType", type);
    problem.with("stripeCode", e.getCode());
    problem.with("stripeMessage", message);
    problem.with("stripeRequestId", e.getRequestId());
    problem.with("stripeStatus", e.getStatusCode());
    return problem;
  }
}
