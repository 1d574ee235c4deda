package dev.roberto.billing.usage;

import dev.roberto.billing.account.Accounts;
import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.entitlement.Snapshots;
import dev.roberto.billing.ledger.CreditLedger;
import dev.roberto.common.inbox.ProcessedEvents;
import dev.roberto.events.UsageRecorded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
  private final UsageRecords usageRecords;

  public UsageConsumption(
      ProcessedEvents processedEvents,
      Accounts accounts,
      CreditLedger ledger,
      Snapshots snapshots,
      UsagePricing pricing,
      UsageRecords usageRecords) {
    this.processedEvents = processedEvents;
    this.accounts = accounts;
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.pricing = pricing;
    this.usageRecords = usageRecords;
  }

  /** Rejects an event without a workspace, which no account can be debited for. */
  static void requireWorkspace(UsageRecorded usage) {
    if (usage.workspaceId() == null || usage.workspaceId().isBlank()) {
      throw new IllegalArgumentException("Usage event " + usage.eventId() + " has no workspaceId");
    }
  }

  /** Applies the usage in its own transaction; returns false for an event applied before. */
  public Uni<Boolean> apply(UsageRecorded usage) {
    requireWorkspace(usage);
    return Panache.withTransaction(
        () ->
            processedEvents
                .claim(CONSUMER, usage.eventId())
                .chain(first -> first ? debit(usage) : skip(usage)));
  }

  /**
   * Applies a batch of usage in one transaction and returns how many events were new. The events
   * are claimed in one statement, and each workspace's account is locked once, in workspace order,
   * so two batches that share workspaces lock them in the same order. A workspace's usage rows and
   * debits are stored with one statement each.
   */
  public Uni<Integer> applyAll(List<UsageRecorded> batch) {
    batch.forEach(UsageConsumption::requireWorkspace);
    List<String> eventIds = batch.stream().map(UsageRecorded::eventId).toList();
    return Panache.withTransaction(
        () ->
            processedEvents
                .claimAll(CONSUMER, eventIds)
                .chain(claimed -> debitClaimed(batch, claimed)));
  }

  private Uni<Integer> debitClaimed(List<UsageRecorded> batch, Set<String> claimed) {
    Map<String, List<UsageRecorded>> byWorkspace = new TreeMap<>();
    Set<String> pending = new HashSet<>(claimed);
    for (UsageRecorded usage : batch) {
      if (pending.remove(usage.eventId())) {
        byWorkspace.computeIfAbsent(usage.workspaceId(), id -> new ArrayList<>()).add(usage);
      } else {
        skip(usage);
      }
    }
    return Multi.createFrom()
        .iterable(byWorkspace.entrySet())
        .onItem()
        .transformToUniAndConcatenate(entry -> debitWorkspace(entry.getKey(), entry.getValue()))
        .collect()
        .last()
        .replaceWith(claimed.size());
  }

  private Uni<BillingAccount> debitWorkspace(String workspaceId, List<UsageRecorded> usages) {
    List<UsageRecords.Priced> priced = new ArrayList<>(usages.size());
    List<CreditLedger.Debit> debits = new ArrayList<>(usages.size());
    for (UsageRecorded usage : usages) {
      long cost = pricing.costMicros(usage);
      priced.add(new UsageRecords.Priced(usage, cost));
      if (cost > 0) {
        debits.add(new CreditLedger.Debit(usage.eventId(), cost));
      }
    }
    return accounts
        .lock(workspaceId)
        .call(() -> usageRecords.storeAll(workspaceId, priced))
        .call(account -> ledger.debitAll(account, USAGE_SOURCE, debits))
        .call(account -> snapshots.publishIfChanged(account, false));
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
