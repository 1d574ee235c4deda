package dev.roberto.client.billing;

import dev.roberto.client.BillingRefusedException;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.RobertoException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The billing endpoints of billing-service for the login's workspace: status, summary, and the
 * Stripe commands.
 *
 * <p>Problems of the Stripe commands are billing refusals: {@code stripe_error} becomes a {@link
 * StripeErrorException}, and {@code stripe_customer_missing} and {@code stripe_not_configured}
 * become {@link BillingRefusedException}s, because retrying does not help with either; the next
 * step is in the hint.
 */
public final class BillingApi {

  static final String SERVICE = "billing";

  private final RobertoClient client;

  public BillingApi(RobertoClient client) {
    this.client = client;
  }

  /** Returns the subscription, credit balance, entitlements and Stripe readiness. */
  public BillingStatus status() {
    return billing(
        () -> client.call("GET", SERVICE, "/api/billing/status", null, BillingStatus.class));
  }

  /**
   * Returns the credits and usage of {@code [from, to)}, dates in UTC; a null bound takes the
   * server's default, the current calendar month.
   */
  public BillingSummary summary(LocalDate from, LocalDate to) {
    List<String> query = new ArrayList<>();
    if (from != null) {
      query.add("from=" + from);
    }
    if (to != null) {
      query.add("to=" + to);
    }
    String path = "/api/billing/summary" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    return billing(() -> client.call("GET", SERVICE, path, null, BillingSummary.class));
  }

  /** Re-reads the workspace's subscription and purchases from Stripe and returns the new status. */
  public BillingStatus sync() {
    return billing(
        () -> client.call("POST", SERVICE, "/api/billing/sync", null, BillingStatus.class));
  }

  /** Returns a Stripe Checkout page that adds a payment method; creates the customer once. */
  public CheckoutLink setup() {
    return link("/api/billing/setup", null);
  }

  /** Returns a Stripe Checkout page for the subscription. */
  public CheckoutLink checkout() {
    return link("/api/billing/checkout", null);
  }

  /**
   * Returns a Stripe Checkout page for a credit pack.
   *
   * @param amountCents the price of the pack in minor units of the billing currency (cents)
   */
  public CheckoutLink creditsCheckout(long amountCents) {
    return link("/api/billing/credits-checkout", Map.of("amount", amountCents));
  }

  /** Returns a Stripe Billing Portal page; needs a customer, made by {@link #setup()}. */
  public CheckoutLink portal() {
    return link("/api/billing/portal", null);
  }

  private CheckoutLink link(String path, Object body) {
    return billing(() -> client.call("POST", SERVICE, path, body, CheckoutLink.class));
  }

  private static <T> T billing(Supplier<T> call) {
    try {
      return call.get();
    } catch (BillingRefusedException e) {
      throw e;
    } catch (RobertoException e) {
      throw asBillingProblem(e);
    }
  }

  private static RobertoException asBillingProblem(RobertoException e) {
    if ("stripe_error".equals(e.code())) {
      return new StripeErrorException(e);
    }
    if ("stripe_customer_missing".equals(e.code()) || "stripe_not_configured".equals(e.code())) {
      return new BillingRefusedException(
          e.status(), e.code(), e.getMessage(), e.hint(), e.requestId(), e.extensions());
    }
    return e;
  }
}
