package dev.roberto.billing.ledger;

import dev.roberto.billing.account.Accounts;
import dev.roberto.billing.account.BillingAccount;
import dev.roberto.billing.entitlement.Snapshots;
import dev.roberto.common.db.DatabaseOutage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Forfeits what is left of expired grants, as an adjustment that the append-only ledger keeps
 * beside the grant. Credits count as spent earliest expiry first, so what is left of an expiring
 * grant is the part of the balance that grants expiring later, or never, do not cover.
 *
 * <p>Each grant is handled in a transaction of its own that locks its account. The adjustment's
 * reference {@code expiry:<grant id>} is unique, so replicas that find the same grant at once
 * forfeit it once.
 */
@ApplicationScoped
public class GrantExpiry {

  static final String SOURCE = "expiry";

  private static final int BATCH_SIZE = 100;

  private static final String DUE =
      "from CreditEntry g where g.kind = ?1 and g.expiresAt <= ?2 and not exists ("
          + "from CreditEntry a where a.kind = ?3"
          + " and a.reference = concat('expiry:', cast(g.id as String)))"
          + " order by g.expiresAt, g.id";

  private static final String COVERED_BY_LATER_GRANTS =
      "SELECT CAST(COALESCE(SUM(amount_micros), 0) AS BIGINT) FROM credit_entry"
          + " WHERE workspace_id = :workspaceId"
          + " AND kind = 'grant' AND (expires_at IS NULL OR expires_at > :expiresAt"
          + " OR (expires_at = :expiresAt AND id > :id))";

  /** An expired grant that has no forfeit adjustment yet. */
  record DueGrant(long id, String workspaceId, long amountMicros, Instant expiresAt) {}

  private final Accounts accounts;
  private final CreditLedger ledger;
  private final Snapshots snapshots;

  public GrantExpiry(Accounts accounts, CreditLedger ledger, Snapshots snapshots) {
    this.accounts = accounts;
    this.ledger = ledger;
    this.snapshots = snapshots;
  }

  @Scheduled(
      identity = "grant-expiry",
      every = "${roberto.billing.grant-expiry.check-interval:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> forfeitExpiredGrants() {
    return Panache.withSession(this::dueGrants)
        .onItem()
        .transformToMulti(grants -> Multi.createFrom().iterable(grants))
        .onItem()
        .transformToUniAndConcatenate(this::forfeit)
        .collect()
        .last()
        .onFailure()
        .recoverWithItem(
            failure -> {
              logFailure(failure);
              return null;
            })
        .replaceWithVoid();
  }

  /** Logs a failed run: one line for a database outage, the stack trace for any other failure. */
  private static void logFailure(Throwable failure) {
    if (DatabaseOutage.isCause(failure)) {
      Log.warnf(
          "Forfeiting expired grants failed because the database is unavailable, will retry: %s",
          DatabaseOutage.describe(failure));
    } else {
      Log.warnf(failure, "Forfeiting expired grants failed, will retry");
    }
  }

  private Uni<List<DueGrant>> dueGrants() {
    return CreditEntry.<CreditEntry>find(
            DUE, CreditEntry.Kind.grant, Instant.now(), CreditEntry.Kind.adjustment)
        .page(0, BATCH_SIZE)
        .list()
        .map(
            grants ->
                grants.stream()
                    .map(g -> new DueGrant(g.id, g.workspaceId, g.amountMicros, g.expiresAt))
                    .toList());
  }

  private Uni<Void> forfeit(DueGrant grant) {
    return Panache.withTransaction(
        () ->
            accounts.lock(grant.workspaceId()).chain(account -> forfeitRemainder(account, grant)));
  }

  private Uni<Void> forfeitRemainder(BillingAccount account, DueGrant grant) {
    return coveredByLaterGrants(grant)
        .chain(
            covered -> {
              long left = remainder(account.balanceMicros, covered, grant.amountMicros());
              return ledger
                  .adjust(account, -left, SOURCE, SOURCE + ":" + grant.id())
                  .call(
                      added -> {
                        if (!added) {
                          return Uni.createFrom().voidItem();
                        }
                        Log.infof(
                            "Forfeited %d micro-units left of expired grant %d of workspace %s",
                            left, grant.id(), grant.workspaceId());
                        return snapshots.publishIfChanged(account, false);
                      });
            })
        .replaceWithVoid();
  }

  /**
   * Returns what is left of a grant: the balance beyond what later-expiring grants cover, between
   * zero and the grant's amount.
   */
  static long remainder(long balanceMicros, long coveredByLaterMicros, long grantMicros) {
    long uncovered = balanceMicros - coveredByLaterMicros;
    return Math.max(0, Math.min(grantMicros, uncovered));
  }

  private Uni<Long> coveredByLaterGrants(DueGrant grant) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(COVERED_BY_LATER_GRANTS, Long.class)
                    .setParameter("workspaceId", grant.workspaceId())
                    .setParameter("expiresAt", grant.expiresAt())
                    .setParameter("id", grant.id())
                    .getSingleResult());
  }
}
