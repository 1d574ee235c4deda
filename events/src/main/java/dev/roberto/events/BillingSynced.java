package dev.roberto.events;

import java.time.Instant;

/**
 * Full billing snapshot of a workspace. {@code version} only grows, so a consumer keeps the
 * snapshot with the highest version and ignores older ones.
 *
 * @param creditBalanceMicros credit balance in micro-units of the billing currency
 * @param subscriptionStatus Stripe's subscription status, or {@code none}
 */
public record BillingSynced(
    String schemaVersion,
    String eventId,
    String workspaceId,
    long version,
    Entitlements entitlements,
    long creditBalanceMicros,
    String subscriptionStatus,
    String plan,
    Instant syncedAt)
    implements RobertoEvent {

  public static final String TYPE = "dev.roberto.billing.synced";

  @Override
  public String topic() {
    return Topics.BILLING_SYNCED;
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
