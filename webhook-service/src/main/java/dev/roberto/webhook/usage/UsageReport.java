package dev.roberto.webhook.usage;

import java.time.Instant;
import java.util.Map;

/**
 * One delivery's usage, validated.
 *
 * @param costMicros cost in micro-units of the billing currency, or null when billing prices it
 * @param metadata free-form string pairs passed on to billing, empty when none were sent
 */
public record UsageReport(
    long inputTokens,
    long outputTokens,
    long cachedTokens,
    Long costMicros,
    Long latencyMillis,
    String provider,
    String model,
    Instant occurredAt,
    Map<String, String> metadata) {}
