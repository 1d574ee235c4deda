package dev.roberto.billing.account;

import dev.roberto.billing.config.BillingConfig;
import dev.roberto.billing.entitlement.Snapshots;
import dev.roberto.billing.ledger.CreditLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/**
 * Opens and locks billing accounts. A workspace gets its account, with the starter credits and a
 * first snapshot, the first time an event or an API call names it.
 */
@ApplicationScoped
public class Accounts {

  static final String STARTER_SOURCE = "starter";

  private static final String OPEN =
      "INSERT INTO billing_account (workspace_id, created_at) VALUES (:workspaceId, now())"
          + " ON CONFLICT DO NOTHING";

  private final CreditLedger ledger;
  private final Snapshots snapshots;
  private final BillingConfig config;

  public Accounts(CreditLedger ledger, Snapshots snapshots, BillingConfig config) {
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.config = config;
  }

  /**
   * Returns the workspace's account locked until the current transaction ends, opening it first
   * when it does not exist yet.
   */
  public Uni<BillingAccount> lock(String workspaceId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(OPEN)
                    .setParameter("workspaceId", workspaceId)
                    .executeUpdate())
        .chain(
            inserted ->
                BillingAccount.<BillingAccount>findById(workspaceId, LockModeType.PESSIMISTIC_WRITE)
                    .call(
                        account -> inserted == 1 ? welcome(account) : Uni.createFrom().voidItem()));
  }

  /** Returns the account in a transaction of its own, opening it when needed. */
  public Uni<BillingAccount> open(String workspaceId) {
    return Panache.withTransaction(() -> lock(workspaceId));
  }

  private Uni<Void> welcome(BillingAccount account) {
    Log.infof("Opened the billing account of workspace %s", account.workspaceId);
    long starter = config.starterCreditsMicros();
    Instant expiresAt = config.starterCreditsValidity().map(Instant.now()::plus).orElse(null);
    Uni<Boolean> granted =
        starter > 0
            ? ledger.grant(
                account,
                starter,
                STARTER_SOURCE,
                STARTER_SOURCE + ":" + account.workspaceId,
                expiresAt)
            : Uni.createFrom().item(false);
    return granted.chain(ignored -> snapshots.publishIfChanged(account, true)).replaceWithVoid();
  }
}
