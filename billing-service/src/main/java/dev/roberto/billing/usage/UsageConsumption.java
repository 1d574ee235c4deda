package dev.roberto.billing.usage;

import dev.roberto.billing.account.Accounts;
import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.entitlement.Snapshots;
import dev.roberto.billing.ledger.CreditLedger;
import dev.roberto.common.inbox.ProcessedEvents;
import dev.roberto.events.UsageRecorded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Debits credits for usage, once per event id: the claim, the usage row, the debit and a changed
 * snapshot commit together or not at all.
 */
@ApplicationScoped
public class UsageConsumption {

  static final String CONSUMER = "billing-service.usage-recorded";
  static final String USAGE_SOURCE = "usage";

  private final ProcessedEvents processedEvents;
  private final Accounts accounts;
  private final CreditLedger ledger;
  private final Snapshots snapshots;
  private final UsagePricing pricing;

  public UsageConsumption(
      ProcessedEvents processedEvents,
      Accounts accounts,
      CreditLedger ledger,
      Snapshots snapshots,
      UsagePricing pricing) {
    this.processedEvents = processedEvents;
    this.accounts = accounts;
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.pricing = pricing;
  }

  /** Applies the usage in its own transaction; returns false for an event applied before. */
  public Uni<Boolean> apply(UsageRecorded usage) {
    if (usage.workspaceId() == null || usage.workspaceId().isBlank()) {
      throw new IllegalArgumentException("Usage event " + usage.eventId() + " has no workspaceId");
    }
    return Panache.withTransaction(
        () ->
            processedEvents
                .claim(CONSUMER, usage.eventId())
                .chain(first -> first ? debit(usage) : skip(usage)));
  }

  private Uni<Boolean> debit(UsageRecorded usage) {
    long cost = pricing.costMicros(usage);
    return accounts
        .lock(usage.workspaceId())
        .call(account -> record(usage, cost).persist())
        .call(
            account ->
                cost > 0
                    ? ledger.debit(account, cost, USAGE_SOURCE, usage.eventId())
                    : Uni.createFrom().item(false))
        .call((BillingAccount account) -> snapshots.publishIfChanged(account, false))
        .replaceWith(true);
  }

  private static Uni<Boolean> skip(UsageRecorded usage) {
    Log.debugf("Ignored usage event %s: applied before", usage.eventId());
    return Uni.createFrom().item(false);
  }

  private static UsageRecord record(UsageRecorded usage, long cost) {
    UsageRecord row = new UsageRecord();
    row.eventId = usage.eventId();
    row.workspaceId = usage.workspaceId();
    row.agentId = usage.agentId();
    row.source = usage.source();
    row.provider = usage.provider();
    row.model = usage.model();
    row.inputTokens = usage.inputTokens();
    row.outputTokens = usage.outputTokens();
    row.cachedTokens = usage.cachedTokens();
    row.costMicros = cost;
    row.occurredAt = usage.occurredAt() != null ? usage.occurredAt() : Instant.now();
    return row;
  }
}
