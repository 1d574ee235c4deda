package dev.roberto.events;

import java.time.Instant;
import java.util.Map;

/**
 * One unit of usage. Billing debits credits once per {@code eventId}.
 *
 * @param source {@code gateway} or {@code webhook}
 * @param costMicros cost in micro-units of the billing currency, or null when billing prices it
 * @param estimated true when the token counts are an estimate, not the provider's report
 */
public record UsageRecorded(
    String schemaVersion,
    String eventId,
    String workspaceId,
    String agentId,
    String source,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    long cachedTokens,
    Long costMicros,
    Long latencyMillis,
    boolean estimated,
    Instant occurredAt,
    Map<String, String> metadata)
    implements RobertoEvent {

  public static final String TYPE = "dev.roberto.usage.recorded";

  @Override
  public String topic() {
    return Topics.USAGE_RECORDED;
  }

  @Override
  public String key() {
    return workspaceId;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
