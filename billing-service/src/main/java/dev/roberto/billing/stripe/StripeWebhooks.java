package dev.roberto.billing.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.Invoice;
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
 * Subscription events older than the held state change nothing. An invoice event carries no
 * subscription status, so its subscription is read again from Stripe before the transaction.
 */
@ApplicationScoped
public class StripeWebhooks {

  static final String CONSUMER = "billing-service.stripe";

  private static final String INVOICE_PAID = "invoice.paid";
  private static final String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";

  private static final String WORKSPACE_OF_CUSTOMER =
      "SELECT workspace_id FROM billing_account WHERE stripe_customer_id = :customer";

  private final ProcessedEvents processedEvents;
  private final Accounts accounts;
  private final StripeMirror mirror;
  private final Snapshots snapshots;
  private final StripeApi stripe;

  public StripeWebhooks(
      ProcessedEvents processedEvents,
      Accounts accounts,
      StripeMirror mirror,
      Snapshots snapshots,
      StripeApi stripe) {
    this.processedEvents = processedEvents;
    this.accounts = accounts;
    this.mirror = mirror;
    this.snapshots = snapshots;
    this.stripe = stripe;
  }

  public Uni<Void> handle(Event event) {
    return currentSubscriptionOfInvoice(event)
        .chain(
            current ->
                Panache.withTransaction(
                    () ->
                        processedEvents
                            .claim(CONSUMER, event.getId())
                            .chain(first -> first ? dispatch(event, current) : skip(event))));
  }

  private Uni<Void> dispatch(Event event, SubscriptionRead current) {
    return switch (event.getType()) {
      case "checkout.session.completed" -> checkoutCompleted((Session) dataObject(event));
      case "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.deleted" ->
          subscriptionChanged(
              (Subscription) dataObject(event), Instant.ofEpochSecond(event.getCreated()));
      case INVOICE_PAID, INVOICE_PAYMENT_FAILED -> invoiceSettled(event, current);
      default -> {
        Log.debugf("Ignored Stripe event %s of type %s", event.getId(), event.getType());
        yield Uni.createFrom().voidItem();
      }
    };
  }

  /** A subscription as Stripe returned it, and when it was read. */
  private record SubscriptionRead(Subscription subscription, Instant readAt) {}

  /**
   * Reads the subscription of an invoice event from Stripe, outside the database transaction. A
   * failed read fails the delivery before the event is claimed, so Stripe delivers it again later.
   */
  private Uni<SubscriptionRead> currentSubscriptionOfInvoice(Event event) {
    boolean invoiceEvent =
        INVOICE_PAID.equals(event.getType()) || INVOICE_PAYMENT_FAILED.equals(event.getType());
    String subscriptionId = invoiceEvent ? subscriptionOf((Invoice) dataObject(event)) : null;
    if (subscriptionId == null || !stripe.isConfigured()) {
      return Uni.createFrom().nullItem();
    }
    Instant readAt = Instant.now();
    return stripe
        .call(client -> client.v1().subscriptions().retrieve(subscriptionId))
        .map(subscription -> new SubscriptionRead(subscription, readAt));
  }

  private static String subscriptionOf(Invoice invoice) {
    if (invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null) {
      return null;
    }
    return invoice.getParent().getSubscriptionDetails().getSubscription();
  }

  private Uni<Void> invoiceSettled(Event event, SubscriptionRead current) {
    if (current == null) {
      Log.infof(
          "Stripe event %s (%s) changed nothing: the invoice has no subscription, or no Stripe"
              + " API key is set to read it",
          event.getId(), event.getType());
      return Uni.createFrom().voidItem();
    }
    return subscriptionChanged(current.subscription(), current.readAt());
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
