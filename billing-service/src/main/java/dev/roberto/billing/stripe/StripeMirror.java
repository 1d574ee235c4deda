package dev.roberto.billing.stripe;

import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.ledger.CreditLedger;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * Copies what Stripe reports into a locked account: the subscription state, and the credits of paid
 * credit purchases. Webhooks and sync both come through here.
 */
@ApplicationScoped
public class StripeMirror {

  /** Metadata that marks a Checkout Session as a credit purchase. */
  static final String KIND_KEY = "kind";

  static final String KIND_CREDITS = "credits";
  static final String WORKSPACE_KEY = "workspaceId";

  /** Credits per minor unit of the currency: one cent is 10,000 micro-units of a dollar. */
  static final long MICROS_PER_MINOR_UNIT = 10_000;

  static final String PURCHASE_SOURCE = "purchase";

  private final CreditLedger ledger;

  public StripeMirror(CreditLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Copies the subscription's state unless the account contains a state observed later. Returns
   * true when it copied the state.
   */
  public boolean applySubscription(
      BillingAccount account, Subscription subscription, Instant observedAt) {
    if (account.subscriptionObservedAt != null
        && observedAt.isBefore(account.subscriptionObservedAt)) {
      Log.infof(
          "Ignored subscription %s state %s of %s: the account has a state observed at %s",
          subscription.getId(),
          subscription.getStatus(),
          observedAt,
          account.subscriptionObservedAt);
      return false;
    }
    String status = subscription.getStatus();
    if (!"past_due".equals(status)) {
      account.pastDueSince = null;
    } else if (account.pastDueSince == null) {
      account.pastDueSince = observedAt;
    }
    account.subscriptionId = subscription.getId();
    account.subscriptionStatus = status;
    account.plan = planOf(subscription);
    account.subscriptionObservedAt = observedAt;
    if (account.stripeCustomerId == null) {
      account.stripeCustomerId = subscription.getCustomer();
    }
    return true;
  }

  /** Grants the credits of a paid credit purchase once; returns true when it granted them now. */
  public Uni<Boolean> grantPurchase(BillingAccount account, Session session) {
    if (!isPaidCreditPurchase(session)) {
      return Uni.createFrom().item(false);
    }
    long micros = Math.multiplyExact(session.getAmountTotal(), MICROS_PER_MINOR_UNIT);
    return ledger.grant(account, micros, PURCHASE_SOURCE, "checkout:" + session.getId(), null);
  }

  static boolean isPaidCreditPurchase(Session session) {
    Map<String, String> metadata = session.getMetadata();
    return "payment".equals(session.getMode())
        && "paid".equals(session.getPaymentStatus())
        && metadata != null
        && KIND_CREDITS.equals(metadata.get(KIND_KEY))
        && session.getAmountTotal() != null
        && session.getAmountTotal() > 0;
  }

  /** Returns the workspace that a session was opened for, or null when it names none. */
  static String workspaceOf(Session session) {
    Map<String, String> metadata = session.getMetadata();
    if (metadata != null && metadata.get(WORKSPACE_KEY) != null) {
      return metadata.get(WORKSPACE_KEY);
    }
    return session.getClientReferenceId();
  }

  private static String planOf(Subscription subscription) {
    if (subscription.getItems() == null || subscription.getItems().getData().isEmpty()) {
      return null;
    }
    SubscriptionItem item = subscription.getItems().getData().get(0);
    if (item.getPrice() == null) {
      return null;
    }
    return item.getPrice().getLookupKey() != null
        ? item.getPrice().getLookupKey()
        : item.getPrice().getId();
  }
}
