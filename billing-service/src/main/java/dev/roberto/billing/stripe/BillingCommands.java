package dev.roberto.billing.stripe;

import com.stripe.model.HasId;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import dev.roberto.billing.account.Accounts;
import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.config.BillingConfig;
import dev.roberto.billing.entitlement.Snapshots;
import dev.roberto.billing.status.BillingReports;
import dev.roberto.billing.status.BillingStatus;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Stripe commands: setup, checkout, credits-checkout, portal and sync. */
@ApplicationScoped
public class BillingCommands {

  private static final long PAGE_SIZE = 100;

  private final StripeApi stripe;
  private final Accounts accounts;
  private final StripeMirror mirror;
  private final Snapshots snapshots;
  private final BillingReports reports;
  private final BillingConfig.Stripe settings;

  public BillingCommands(
      StripeApi stripe,
      Accounts accounts,
      StripeMirror mirror,
      Snapshots snapshots,
      BillingReports reports,
      BillingConfig config) {
    this.stripe = stripe;
    this.accounts = accounts;
    this.mirror = mirror;
    this.snapshots = snapshots;
    this.reports = reports;
    this.settings = config.stripe();
  }

  /** Creates the Stripe customer once and opens a Checkout Session to add a payment method. */
  public Uni<CheckoutLink> setup(String workspaceId) {
    requireConfigured();
    return ensureCustomer(workspaceId)
        .chain(
            customer ->
                createSession(
                    SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.SETUP)
                        .setCurrency(settings.currency())
                        .setCustomer(customer),
                    workspaceId));
  }

  /** Opens a Checkout Session for the subscription plan. */
  public Uni<CheckoutLink> checkout(String workspaceId) {
    requireConfigured();
    String price =
        settings
            .subscriptionPrice()
            .orElseThrow(() -> StripeProblems.notConfigured("subscription price"));
    return ensureCustomer(workspaceId)
        .chain(
            customer ->
                createSession(
                    SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                        .setCustomer(customer)
                        .addLineItem(
                            SessionCreateParams.LineItem.builder()
                                .setPrice(price)
                                .setQuantity(1L)
                                .build())
                        .setSubscriptionData(
                            SessionCreateParams.SubscriptionData.builder()
                                .putMetadata(StripeMirror.WORKSPACE_KEY, workspaceId)
                                .build()),
                    workspaceId));
  }

  /** Opens a Checkout Session that buys a credit pack of the amount in minor units (cents). */
  public Uni<CheckoutLink> creditsCheckout(String workspaceId, Long amount) {
    requireConfigured();
    validateCreditsAmount(amount);
    return ensureCustomer(workspaceId)
        .chain(
            customer ->
                createSession(
                    SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.PAYMENT)
                        .setCustomer(customer)
                        .putMetadata(StripeMirror.KIND_KEY, StripeMirror.KIND_CREDITS)
                        .addLineItem(
                            SessionCreateParams.LineItem.builder()
                                .setQuantity(1L)
                                .setPriceData(
                                    SessionCreateParams.LineItem.PriceData.builder()
                                        .setCurrency(settings.currency())
                                        .setUnitAmount(amount)
                                        .setProductData(
                                            SessionCreateParams.LineItem.PriceData.ProductData
                                                .builder()
                                                .setName("Roberto credits")
                                                .build())
                                        .build())
                                .build()),
                    workspaceId));
  }

  /** Opens a Billing Portal session for the workspace's Stripe customer. */
  public Uni<CheckoutLink> portal(String workspaceId) {
    requireConfigured();
    return accounts
        .open(workspaceId)
        .chain(
            account -> {
              if (account.stripeCustomerId == null) {
                return Uni.createFrom().failure(StripeProblems.customerMissing());
              }
              com.stripe.param.billingportal.SessionCreateParams params =
                  com.stripe.param.billingportal.SessionCreateParams.builder()
                      .setCustomer(account.stripeCustomerId)
                      .setReturnUrl(settings.portalReturnUrl())
                      .build();
              return stripe.call(client -> client.v1().billingPortal().sessions().create(params));
            })
        .map(session -> new CheckoutLink(session.getId(), session.getUrl()));
  }

  /**
   * Re-reads the customer's subscriptions and paid credit purchases from Stripe, recomputes the
   * entitlements, publishes a snapshot and returns the new status.
   */
  public Uni<BillingStatus> sync(String workspaceId) {
    requireConfigured();
    return accounts
        .open(workspaceId)
        .chain(
            account -> {
              if (account.stripeCustomerId == null) {
                return Uni.createFrom().failure(StripeProblems.customerMissing());
              }
              return readStripe(account.stripeCustomerId);
            })
        .chain(read -> Panache.withTransaction(() -> applySync(workspaceId, read)))
        .map(reports::toStatus);
  }

  private record StripeState(
      Instant readAt, Subscription subscription, List<Session> completedSessions) {}

  /** Reads every page of the customer's subscriptions and completed Checkout Sessions. */
  private Uni<StripeState> readStripe(String customer) {
    Instant readAt = Instant.now();
    SubscriptionListParams subscriptionParams =
        SubscriptionListParams.builder()
            .setCustomer(customer)
            .setStatus(SubscriptionListParams.Status.ALL)
            .setLimit(PAGE_SIZE)
            .build();
    SessionListParams sessionParams =
        SessionListParams.builder()
            .setCustomer(customer)
            .setStatus(SessionListParams.Status.COMPLETE)
            .setLimit(PAGE_SIZE)
            .build();
    return stripe
        .call(client -> allPages(client.v1().subscriptions().list(subscriptionParams)))
        .chain(
            subscriptions ->
                stripe
                    .call(client -> allPages(client.v1().checkout().sessions().list(sessionParams)))
                    .map(
                        sessions ->
                            new StripeState(readAt, mostRelevant(subscriptions), sessions)));
  }

  /** Follows {@code has_more} through the following pages; it runs on the worker thread. */
  private static <T extends HasId> List<T> allPages(StripeCollection<T> firstPage) {
    List<T> items = new ArrayList<>();
    firstPage.autoPagingIterable().forEach(items::add);
    return items;
  }

  private Uni<BillingAccount> applySync(String workspaceId, StripeState read) {
    return accounts
        .lock(workspaceId)
        .call(
            account ->
                Multi.createFrom()
                    .iterable(read.completedSessions())
                    .onItem()
                    .transformToUniAndConcatenate(session -> mirror.grantPurchase(account, session))
                    .collect()
                    .asList())
        .call(
            account -> {
              if (read.subscription() != null) {
                mirror.applySubscription(account, read.subscription(), read.readAt());
              }
              account.lastSyncedAt = read.readAt();
              return snapshots.publishIfChanged(account, true);
            });
  }

  /** Returns the live subscription created last, or else the one created last, or null. */
  private static Subscription mostRelevant(List<Subscription> subscriptions) {
    Comparator<Subscription> byCreated = Comparator.comparing(Subscription::getCreated);
    return subscriptions.stream()
        .filter(
            s -> !"canceled".equals(s.getStatus()) && !"incomplete_expired".equals(s.getStatus()))
        .max(byCreated)
        .orElseGet(() -> subscriptions.stream().max(byCreated).orElse(null));
  }

  private Uni<CheckoutLink> createSession(SessionCreateParams.Builder builder, String workspaceId) {
    SessionCreateParams params =
        builder
            .setClientReferenceId(workspaceId)
            .putMetadata(StripeMirror.WORKSPACE_KEY, workspaceId)
            .setSuccessUrl(settings.successUrl())
            .setCancelUrl(settings.cancelUrl())
            .build();
    return stripe
        .call(client -> client.v1().checkout().sessions().create(params))
        .map(session -> new CheckoutLink(session.getId(), session.getUrl()));
  }

  /**
   * Returns the workspace's Stripe customer id, creating the customer when there is none. The
   * idempotency key makes concurrent first calls get the same customer from Stripe.
   */
  private Uni<String> ensureCustomer(String workspaceId) {
    return accounts
        .open(workspaceId)
        .chain(
            account -> {
              if (account.stripeCustomerId != null) {
                return Uni.createFrom().item(account.stripeCustomerId);
              }
              CustomerCreateParams params =
                  CustomerCreateParams.builder()
                      .putMetadata(StripeMirror.WORKSPACE_KEY, workspaceId)
                      .build();
              RequestOptions options =
                  RequestOptions.builder()
                      .setIdempotencyKey("roberto-customer-" + workspaceId)
                      .build();
              return stripe
                  .call(client -> client.v1().customers().create(params, options).getId())
                  .chain(customer -> storeCustomer(workspaceId, customer));
            });
  }

  private Uni<String> storeCustomer(String workspaceId, String customer) {
    return Panache.withTransaction(
        () ->
            accounts
                .lock(workspaceId)
                .map(
                    account -> {
                      if (account.stripeCustomerId == null) {
                        account.stripeCustomerId = customer;
                      }
                      return account.stripeCustomerId;
                    }));
  }

  /** Rejects a command before anything else when this deployment has no Stripe API key. */
  private void requireConfigured() {
    if (!stripe.isConfigured()) {
      throw StripeProblems.notConfigured("Stripe API key");
    }
  }

  private void validateCreditsAmount(Long amount) {
    if (amount == null
        || amount < settings.minCreditsAmount()
        || amount > settings.maxCreditsAmount()) {
      throw new ProblemException(
          400,
          ProblemCodes.VALIDATION_FAILED,
          "Invalid credit amount",
          "The credit amount "
              + amount
              + " is outside the allowed range of "
              + settings.minCreditsAmount()
              + " to "
              + settings.maxCreditsAmount()
              + " minor units of "
              + settings.currency().toUpperCase()
              + ".",
          "Pass amount in minor units (cents) between "
              + settings.minCreditsAmount()
              + " and "
              + settings.maxCreditsAmount()
              + ", such as 2000 for 20.00.");
    }
  }
}
