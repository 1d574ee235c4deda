package dev.roberto.billing.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import dev.roberto.billing.account.Accounts;
import dev.roberto.billing.entitlement.Snapshots;
import dev.roberto.common.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * Applies verified Stripe events, once per event id: the claim and the effect commit together.
 * Subscription events older than the held state change nothing.
 */
@ApplicationScoped
public class StripeWebhooks {

  static final String CONSUMER = "billing-service.stripe";

  private static final String WORKSPACE_OF_CUSTOMER =
      "SELECT workspace_id FROM billing_account WHERE stripe_customer_id = :customer";

  private final ProcessedEvents processedEvents;
  private final Accounts accounts;
  private final StripeMirror mirror;
  private final Snapshots snapshots;

  public StripeWebhooks(
      ProcessedEvents processedEvents,
      Accounts accounts,
      StripeMirror mirror,
      Snapshots snapshots) {
    this.processedEvents = processedEvents;
    this.accounts = accounts;
    this.mirror = mirror;
    this.snapshots = snapshots;
  }

  public Uni<Void> handle(Event event) {
    return Panache.withTransaction(
        () ->
            processedEvents
                .claim(CONSUMER, event.getId())
                .chain(first -> first ? dispatch(event) : skip(event)));
  }

  private Uni<Void> dispatch(Event event) {
    return switch (event.getType()) {
      case "checkout.session.completed" -> checkoutCompleted((Session) dataObject(event));
      case "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.deleted" ->
          subscriptionChanged(
              (Subscription) dataObject(event), Instant.ofEpochSecond(event.getCreated()));
      default -> {
        // NOTE: invoice.paid and invoice.payment_failed are accepted but change nothing here:
        // the subscription events that accompany them carry the new status.
        Log.debugf("Ignored Stripe event %s of type %s", event.getId(), event.getType());
        yield Uni.createFrom().voidItem();
      }
    };
  }

  private Uni<Void> checkoutCompleted(Session session) {
    String workspaceId = StripeMirror.workspaceOf(session);
    if (workspaceId == null) {
      Log.warnf("Ignored checkout session %s: it names no workspace", session.getId());
      return Uni.createFrom().voidItem();
    }
    return accounts
        .lock(workspaceId)
        .call(
            account -> {
              if (account.stripeCustomerId == null && session.getCustomer() != null) {
                account.stripeCustomerId = session.getCustomer();
              }
              return mirror
                  .grantPurchase(account, session)
                  .call(
                      granted ->
                          granted
                              ? snapshots.publishIfChanged(account, true)
                              : Uni.createFrom().item(false));
            })
        .replaceWithVoid();
  }

  private Uni<Void> subscriptionChanged(Subscription subscription, Instant observedAt) {
    return workspaceOf(subscription)
        .chain(
            workspaceId -> {
              if (workspaceId == null) {
                Log.warnf(
                    "Ignored subscription %s: customer %s belongs to no workspace",
                    subscription.getId(), subscription.getCustomer());
                return Uni.createFrom().voidItem();
              }
              return accounts
                  .lock(workspaceId)
                  .call(
                      account ->
                          mirror.applySubscription(account, subscription, observedAt)
                              ? snapshots.publishIfChanged(account, true)
                              : Uni.createFrom().item(false))
                  .replaceWithVoid();
            });
  }

  private static Uni<String> workspaceOf(Subscription subscription) {
    Map<String, String> metadata = subscription.getMetadata();
    String fromMetadata = metadata != null ? metadata.get(StripeMirror.WORKSPACE_KEY) : null;
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(WORKSPACE_OF_CUSTOMER, String.class)
                    .setParameter("customer", subscription.getCustomer())
                    .getResultList())
        .map(found -> found.isEmpty() ? fromMetadata : found.get(0));
  }

  /**
   * Returns the event's object. stripe-java refuses the safe way when the event's API version
   * differs from its own, so that case reads it anyway: the fields used here are stable.
   */
  private static StripeObject dataObject(Event event) {
    EventDataObjectDeserializer data = event.getDataObjectDeserializer();
    return data.getObject()
        .orElseGet(
            () -> {
              try {
                return data.deserializeUnsafe();
              } catch (EventDataObjectDeserializationException e) {
                throw new IllegalArgumentException(
                    "Stripe event " + event.getId() + " has an unreadable object", e);
              }
            });
  }

  private static Uni<Void> skip(Event event) {
    Log.debugf("Ignored Stripe event %s: applied before", event.getId());
    return Uni.createFrom().voidItem();
  }
}
