package dev.roberto.webhook.usage;

import java.time.Instant;

/** The body of a 202 response: the event id under which billing counts the delivery. */
public record UsageAccepted(
    String eventId, String agentId, String workspaceId, Instant receivedAt) {}
