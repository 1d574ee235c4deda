package dev.roberto.billing.status;

import dev.roberto.billing.account.Accounts;
import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.config.BillingConfig;
import dev.roberto.billing.entitlement.EntitlementPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the status and the period summary of a workspace from its account and ledger. */
@ApplicationScoped
public class BillingReports {

  private static final String LEDGER_TOTALS =
      "SELECT kind, COALESCE(SUM(amount_micros), 0) FROM credit_entry WHERE workspace_id = :ws"
          + " AND created_at >= :from AND created_at < :to GROUP BY kind";

  private static final String USAGE_GROUPS =
      "SELECT COALESCE(%1$s, '(none)'), COUNT(*), SUM(input_tokens), SUM(output_tokens),"
          + " SUM(cost_micros) FROM usage_record WHERE workspace_id = :ws AND occurred_at >= :from"
          + " AND occurred_at < :to GROUP BY 1 ORDER BY 5 DESC, 1";

  private final Accounts accounts;
  private final EntitlementPolicy policy;
  private final BillingConfig config;

  public BillingReports(Accounts accounts, EntitlementPolicy policy, BillingConfig config) {
    this.accounts = accounts;
    this.policy = policy;
    this.config = config;
  }

  public Uni<BillingStatus> status(String workspaceId) {
    return accounts.open(workspaceId).map(this::toStatus);
  }

  /** Returns the summary of {@code [from, to)}; the caller checks that from is before to. */
  public Uni<BillingSummary> summary(String workspaceId, Instant from, Instant to) {
    return Panache.withTransaction(
        () ->
            accounts
                .lock(workspaceId)
                .chain(
                    account ->
                        ledgerTotals(workspaceId, from, to)
                            .chain(
                                totals ->
                                    usageGroups("agent_id", workspaceId, from, to)
                                        .chain(
                                            byAgent ->
                                                usageGroups("model", workspaceId, from, to)
                                                    .map(
                                                        byModel ->
                                                            summary(
                                                                account, from, to, totals, byAgent,
                                                                byModel))))));
  }

  public BillingStatus toStatus(BillingAccount account) {
    boolean stripeConfigured = config.stripe().apiKey().isPresent();
    boolean hasCustomer = account.stripeCustomerId != null;
    boolean hasSubscription = !BillingAccount.NO_SUBSCRIPTION.equals(account.subscriptionStatus);
    boolean stale =
        stripeConfigured
            && hasCustomer
            && (account.lastSyncedAt == null
                || account.lastSyncedAt.plus(config.staleAfter()).isBefore(Instant.now()));
    return new BillingStatus(
        account.workspaceId,
        new BillingStatus.Subscription(account.subscriptionStatus, account.plan),
        account.balanceMicros,
        policy.decide(account, Instant.now()),
        new BillingStatus.Readiness(
            stripeConfigured, hasCustomer, hasSubscription, stripeConfigured && hasCustomer),
        account.snapshotVersion,
        account.lastSyncedAt,
        stale);
  }

  private static BillingSummary summary(
      BillingAccount account,
      Instant from,
      Instant to,
      long[] totals,
      List<BillingSummary.UsageGroup> byAgent,
      List<BillingSummary.UsageGroup> byModel) {
    long consumed = -totals[1];
    return new BillingSummary(
        account.workspaceId,
        from,
        to,
        totals[0],
        consumed,
        totals[2],
        account.balanceMicros,
        project(account.balanceMicros, consumed, from, to, Instant.now()),
        byAgent,
        byModel);
  }

  /** Extends the period's consumption rate so far to the end of the period. */
  static long project(long balance, long consumed, Instant from, Instant to, Instant now) {
    if (!now.isBefore(to) || !now.isAfter(from)) {
      return balance;
    }
    long elapsedMillis = Duration.between(from, now).toMillis();
    long remainingMillis = Duration.between(now, to).toMillis();
    if (elapsedMillis <= 0) {
      return balance;
    }
    double rate = (double) consumed / elapsedMillis;
    return balance - Math.round(rate * remainingMillis);
  }

  /** Returns grants, debits and adjustments of the period, in that order. */
  private static Uni<long[]> ledgerTotals(String workspaceId, Instant from, Instant to) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(LEDGER_TOTALS, Object[].class)
                    .setParameter("ws", workspaceId)
                    .setParameter("from", from)
                    .setParameter("to", to)
                    .getResultList())
        .map(
            rows -> {
              long[] totals = new long[3];
              for (Object[] row : rows) {
                long amount = ((Number) row[1]).longValue();
                switch ((String) row[0]) {
                  case "grant" -> totals[0] = amount;
                  case "debit" -> totals[1] = amount;
                  default -> totals[2] = amount;
                }
              }
              return totals;
            });
  }

  private static Uni<List<BillingSummary.UsageGroup>> usageGroups(
      String column, String workspaceId, Instant from, Instant to) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(USAGE_GROUPS.formatted(column), Object[].class)
                    .setParameter("ws", workspaceId)
                    .setParameter("from", from)
                    .setParameter("to", to)
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .map(
                        row ->
                            new BillingSummary.UsageGroup(
                                (String) row[0],
                                ((Number) row[1]).longValue(),
                                ((Number) row[2]).longValue(),
                                ((Number) row[3]).longValue(),
                                ((Number) row[4]).longValue()))
                    .toList());
  }
}
