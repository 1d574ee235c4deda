package dev.roberto.client.webhook;

/**
 * The intake's response to an accepted usage report.
 *
 * @param eventId the id under which billing counts the usage, once
 * @param receivedAt ISO-8601 instant of the first delivery
 * @param replayed true when the idempotency key was used before with the same body, so this is the
 *     first delivery's answer and nothing was counted again
 */
public record UsageReceipt(
    String eventId, String agentId, String workspaceId, String receivedAt, boolean replayed) {}
