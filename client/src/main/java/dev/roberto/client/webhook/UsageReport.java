package dev.roberto.client.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One usage report for {@code POST /api/webhooks/usage}, in the field order of the intake's
 * documentation.
 *
 * @param costMicros the cost in micro-units of the billing currency, or null to let billing price
 *     the tokens
 * @param occurredAt ISO-8601 instant with an offset, at most 5 minutes in the future
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageReport(
    long inputTokens,
    long outputTokens,
    long cachedTokens,
    Long costMicros,
    String model,
    String occurredAt) {}
