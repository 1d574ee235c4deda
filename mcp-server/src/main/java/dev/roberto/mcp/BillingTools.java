package dev.roberto.mcp;

import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.BillingStatus;
import dev.roberto.client.billing.BillingSummary;
import dev.roberto.client.billing.CheckoutLink;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * MCP tools for the billing of the stored login's workspace: status, summary, sync, and the Stripe
 * pages that the person opens to pay. A refusal comes back as a tool error with the hint, such as
 * {@code roberto billing setup} when the portal needs a customer first.
 */
@Singleton
public class BillingTools {

  private final ControlPlaneClients clients;

  public BillingTools(ControlPlaneClients clients) {
    this.clients = clients;
  }

  @Tool(
      name = "billing_status",
      description =
          "Show the workspace's subscription, credit balance, entitlements (provision, start,"
              + " gateway, webhooks) and whether Stripe is set up.")
  public String billingStatus() {
    return ToolFailures.reported(() -> statusText(billing().status()));
  }

  @Tool(
      name = "billing_summary",
      description =
          "Show credits granted and consumed, the balance, and usage by agent and by model for a"
              + " period [from, to) in UTC; this month by default.")
  public String billingSummary(
      @ToolArg(description = "First day, YYYY-MM-DD", required = false) String from,
      @ToolArg(description = "Day after the last, YYYY-MM-DD", required = false) String to) {
    return ToolFailures.reported(
        () -> summaryText(billing().summary(date("from", from), date("to", to))));
  }

  @Tool(
      name = "billing_sync",
      description =
          "Re-read the workspace's subscription and paid credit purchases from Stripe and show the"
              + " status. Needs the owner or admin role.")
  public String billingSync() {
    return ToolFailures.reported(() -> "Synced with Stripe.\n" + statusText(billing().sync()));
  }

  @Tool(
      name = "billing_setup",
      description =
          "Get the Stripe page where the person adds a payment method. Needs the owner or admin"
              + " role.")
  public String billingSetup() {
    return ToolFailures.reported(() -> linkText(billing().setup(), "add a payment method"));
  }

  @Tool(
      name = "billing_checkout",
      description =
          "Get the Stripe page where the person subscribes the workspace to the plan. Needs the"
              + " owner or admin role.")
  public String billingCheckout() {
    return ToolFailures.reported(() -> linkText(billing().checkout(), "subscribe"));
  }

  @Tool(
      name = "billing_credits_checkout",
      description =
          "Get the Stripe page where the person buys a credit pack. Needs the owner or admin role.")
  public String billingCreditsCheckout(
      @ToolArg(description = "Price of the pack in cents (minor units), e.g. 2000 for 20.00")
          long amount) {
    return ToolFailures.reported(
        () -> linkText(billing().creditsCheckout(amount), "pay for the credit pack"));
  }

  @Tool(
      name = "billing_portal",
      description =
          "Get the Stripe Billing Portal page to manage payment methods, invoices and the"
              + " subscription. Needs a Stripe customer (billing_setup) and the owner or admin"
              + " role.")
  public String billingPortal() {
    return ToolFailures.reported(
        () -> linkText(billing().portal(), "manage payment methods and invoices"));
  }

  private BillingApi billing() {
    return new BillingApi(clients.client());
  }

  private static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + name + " '" + value + "': pass a date as YYYY-MM-DD, such as 2026-12-01.");
    }
  }

  private static String linkText(CheckoutLink link, String purpose) {
    return "Ask the person to open this Stripe page to " + purpose + ": " + link.url();
  }

  private static String statusText(BillingStatus status) {
    BillingStatus.Entitlements entitlements = status.entitlements();
    BillingStatus.Readiness readiness = status.readiness();
    List<String> lines = new ArrayList<>();
    lines.add("Workspace: " + status.workspaceId());
    lines.add(
        "Subscription: "
            + status.subscription().status()
            + (status.subscription().plan() == null
                ? ""
                : ", plan " + status.subscription().plan()));
    lines.add("Credits: " + money(status.creditBalanceMicros()));
    lines.add(
        "Entitlements: provision "
            + entitlements.provision()
            + ", start "
            + entitlements.start()
            + ", gateway "
            + entitlements.gateway()
            + ", webhooks "
            + entitlements.webhooks());
    lines.add(
        "Stripe: configured "
            + readiness.stripeConfigured()
            + ", customer "
            + readiness.hasCustomer()
            + ", subscription "
            + readiness.hasSubscription()
            + ", portal "
            + readiness.canOpenPortal());
    lines.add(
        "Last sync: "
            + (status.lastSyncedAt() == null ? "never" : status.lastSyncedAt())
            + (status.stale() ? " (stale)" : ""));
    return String.join("\n", lines);
  }

  private static String summaryText(BillingSummary summary) {
    List<String> lines = new ArrayList<>();
    lines.add("Period: " + summary.from() + " to " + summary.to() + " (end excluded)");
    lines.add("Granted: " + money(summary.grantedMicros()));
    lines.add("Consumed: " + money(summary.consumedMicros()));
    lines.add("Adjusted: " + money(summary.adjustedMicros()));
    lines.add("Balance: " + money(summary.creditBalanceMicros()));
    lines.add("Projected balance at the end: " + money(summary.projectedEndBalanceMicros()));
    lines.add("Usage by agent:" + groups(summary.byAgent()));
    lines.add("Usage by model:" + groups(summary.byModel()));
    return String.join("\n", lines);
  }

  private static String groups(List<BillingSummary.UsageGroup> groups) {
    if (groups == null || groups.isEmpty()) {
      return " none";
    }
    StringBuilder text = new StringBuilder();
    for (BillingSummary.UsageGroup group : groups) {
      text.append("\n- ")
          .append(group.name())
          .append(": ")
          .append(group.events())
          .append(" events, ")
          .append(group.inputTokens())
          .append(" input and ")
          .append(group.outputTokens())
          .append(" output tokens, cost ")
          .append(money(group.costMicros()));
    }
    return text.toString();
  }

  /** Formats micro-units (1 cent is 10,000) as units of the billing currency. */
  private static String money(long micros) {
    BigDecimal units = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    return (units.scale() < 2 ? units.setScale(2) : units).toPlainString();
  }
}
