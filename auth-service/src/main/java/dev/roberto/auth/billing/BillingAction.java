package dev.roberto.auth.billing;

/** The billing-service commands that return a Stripe page for the person to open. */
public enum BillingAction {
  /** A Checkout Session in setup mode, to add a payment method. */
  SETUP("setup"),
  /** A Checkout Session for the subscription plan. */
  CHECKOUT("checkout"),
  /** A Checkout Session for a credit pack. */
  CREDITS_CHECKOUT("credits-checkout"),
  /** A Stripe customer portal session. */
  PORTAL("portal");

  private final String path;

  BillingAction(String path) {
    this.path = path;
  }

  /** Returns the path below {@code /api/billing} at billing-service and below the billing page. */
  public String path() {
    return path;
  }
}
