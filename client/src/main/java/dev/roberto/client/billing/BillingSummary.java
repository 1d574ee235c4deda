package dev.roberto.client.billing;

import java.util.List;

/**
 * Credits and usage of the login's workspace in the period {@code [from, to)}, as {@code GET
 * /api/billing/summary} returns it. Amounts are micro-units of the billing currency.
 *
 * @param from ISO-8601 instant, the start of the period
 * @param to ISO-8601 instant, the end of the period (exclusive)
 * @param projectedEndBalanceMicros the balance at {@code to} if consumption goes on at the rate
 *     seen so far in the period
 */
public record BillingSummary(
    String workspaceId,
    String from,
    String to,
    long grantedMicros,
    long consumedMicros,
    long adjustedMicros,
    long creditBalanceMicros,
    long projectedEndBalanceMicros,
    List<UsageGroup> byAgent,
    List<UsageGroup> byModel) {

  /** Usage of one agent or one model in the period. */
  public record UsageGroup(
      String name, long events, long inputTokens, long outputTokens, long costMicros) {}
}
