package dev.roberto.billing.status;

import java.time.Instant;
import java.util.List;

/**
 * Response body of {@code GET /api/billing/summary} for the period {@code [from, to)}. Amounts are
 * micro-units.
 *
 * @param projectedEndBalanceMicros the balance at {@code to} if consumption goes on at the rate
 *     seen so far in the period; equal to the balance once the period is over
 */
public record BillingSummary(
    String workspaceId,
    Instant from,
    Instant to,
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
