package dev.roberto.cli.billing;

import dev.roberto.cli.TextTable;
import dev.roberto.client.billing.BillingStatus;
import dev.roberto.client.billing.BillingSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text that {@code roberto billing} prints for a person; {@code --json} prints the body. */
final class BillingText {

  private static final long MICROS_PER_UNIT = 1_000_000;

  private BillingText() {}

  static String status(BillingStatus status) {
    List<String> lines = new ArrayList<>();
    lines.add(row("Workspace", status.workspaceId()));
    lines.add(row("Subscription", subscription(status.subscription())));
    lines.add(row("Credits", money(status.creditBalanceMicros())));
    BillingStatus.Entitlements entitlements = status.entitlements();
    Map<String, Boolean> rights = new LinkedHashMap<>();
    rights.put("provision", entitlements.provision());
    rights.put("start", entitlements.start());
    rights.put("gateway", entitlements.gateway());
    rights.put("webhooks", entitlements.webhooks());
    List<String> allowed = new ArrayList<>();
    List<String> notAllowed = new ArrayList<>();
    rights.forEach((right, granted) -> (granted ? allowed : notAllowed).add(right));
    lines.add(row("Allowed", allowed.isEmpty() ? "nothing" : String.join(", ", allowed)));
    if (!notAllowed.isEmpty()) {
      lines.add(row("Not allowed", String.join(", ", notAllowed)));
    }
    lines.add(row("Stripe", stripe(status.readiness())));
    lines.add(row("Last sync", lastSync(status)));
    for (String step : nextSteps(status)) {
      lines.add(row("Next", step));
    }
    return String.join("\n", lines);
  }

  static String summary(BillingSummary summary) {
    List<String> lines = new ArrayList<>();
    lines.add(
        row("Period", day(summary.from()) + " to " + day(summary.to()) + " (UTC, end excluded)"));
    lines.add(row("Granted", money(summary.grantedMicros())));
    lines.add(row("Consumed", money(summary.consumedMicros())));
    lines.add(row("Adjusted", money(summary.adjustedMicros())));
    lines.add(row("Balance", money(summary.creditBalanceMicros())));
    lines.add(
        row("Projected", money(summary.projectedEndBalanceMicros()) + " at " + day(summary.to())));
    lines.add("");
    lines.addAll(usage("Usage by agent", "AGENT", summary.byAgent()));
    lines.add("");
    lines.addAll(usage("Usage by model", "MODEL", summary.byModel()));
    return String.join("\n", lines);
  }

  /**
   * Formats micro-units as units of the billing currency with at least two decimals: 5,000,000 is
   * {@code 5.00} and 5,400 is {@code 0.0054}.
   */
  static String money(long micros) {
    BigDecimal units = BigDecimal.valueOf(micros).divide(BigDecimal.valueOf(MICROS_PER_UNIT));
    units = units.stripTrailingZeros();
    if (units.scale() < 2) {
      units = units.setScale(2);
    }
    return units.toPlainString();
  }

  private static List<String> usage(
      String title, String nameHeader, List<BillingSummary.UsageGroup> groups) {
    List<String> lines = new ArrayList<>();
    lines.add(title + ":");
    if (groups == null || groups.isEmpty()) {
      lines.add("  (no usage in this period)");
      return lines;
    }
    TextTable table = new TextTable(nameHeader, "EVENTS", "INPUT TOKENS", "OUTPUT TOKENS", "COST");
    for (BillingSummary.UsageGroup group : groups) {
      table.add(
          group.name(),
          Long.toString(group.events()),
          Long.toString(group.inputTokens()),
          Long.toString(group.outputTokens()),
          money(group.costMicros()));
    }
    for (String line : table.lines()) {
      lines.add("  " + line);
    }
    return lines;
  }

  private static String subscription(BillingStatus.Subscription subscription) {
    if (subscription == null || "none".equals(subscription.status())) {
      return "none";
    }
    return subscription.plan() == null
        ? subscription.status()
        : subscription.status() + ", plan " + subscription.plan();
  }

  private static String stripe(BillingStatus.Readiness readiness) {
    if (!readiness.stripeConfigured()) {
      return "not configured on this control plane; the workspace runs on credits";
    }
    return "customer "
        + yesNo(readiness.hasCustomer())
        + ", subscription "
        + yesNo(readiness.hasSubscription())
        + ", portal "
        + (readiness.canOpenPortal() ? "available" : "not available");
  }

  private static String lastSync(BillingStatus status) {
    if (status.lastSyncedAt() == null) {
      return "never";
    }
    return status.stale() ? status.lastSyncedAt() + " (stale)" : status.lastSyncedAt();
  }

  private static List<String> nextSteps(BillingStatus status) {
    BillingStatus.Readiness readiness = status.readiness();
    List<String> steps = new ArrayList<>();
    if (!readiness.stripeConfigured()) {
      return steps;
    }
    if (!readiness.hasCustomer()) {
      steps.add("run `roberto billing setup` to add a payment method");
    } else if (!readiness.hasSubscription()) {
      steps.add(
          "run `roberto billing checkout` to subscribe, or `roberto billing credits-checkout"
              + " --amount 2000` to buy credits");
    }
    if (status.stale()) {
      steps.add("run `roberto billing sync` to read the latest state from Stripe");
    }
    if (readiness.canOpenPortal()) {
      steps.add("run `roberto billing portal` to manage payment methods and invoices");
    }
    return steps;
  }

  /** Shows an instant at midnight UTC as its date, any other value unchanged. */
  private static String day(String instant) {
    if (instant == null) {
      return "(unknown)";
    }
    try {
      ZonedDateTime utc = Instant.parse(instant).atZone(ZoneOffset.UTC);
      return utc.toLocalTime().toSecondOfDay() == 0 ? utc.toLocalDate().toString() : instant;
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static String row(String label, String value) {
    return String.format("%-14s%s", label + ":", value);
  }
}
