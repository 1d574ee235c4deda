package dev.roberto.billing.entitlement;

import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.config.BillingConfig;
import dev.roberto.events.Entitlements;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;

/**
 * Decides what a workspace may do. A paying subscription, or a positive credit balance, allows
 * everything. Without either, the workspace keeps provisioning and webhooks but loses starting
 * agents and the gateway, which are what spend money.
 */
@ApplicationScoped
public class EntitlementPolicy {

  /** Stripe subscription statuses that pay for the workspace. */
  static final Set<String> PAYING = Set.of("active", "trialing");

  private final BillingConfig config;

  public EntitlementPolicy(BillingConfig config) {
    this.config = config;
  }

  public Entitlements decide(BillingAccount account, Instant now) {
    boolean allowed = hasPayingSubscription(account, now) || account.balanceMicros > 0;
    return new Entitlements(true, allowed, allowed, true);
  }

  /** Returns true for an active or trialing subscription, or a past-due one within its grace. */
  public boolean hasPayingSubscription(BillingAccount account, Instant now) {
    if (PAYING.contains(account.subscriptionStatus)) {
      return true;
    }
    return "past_due".equals(account.subscriptionStatus)
        && account.pastDueSince != null
        && now.isBefore(account.pastDueSince.plus(config.pastDueGrace()));
  }
}
