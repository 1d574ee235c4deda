package dev.roberto.billing.ledger;

import dev.roberto.billing.account.BillingAccount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Appends to the credit ledger. Call it inside the transaction that locked the account, so the
 * account's cached balance moves with the ledger. An entry whose kind and reference already exist
 * is not added again, which makes a debit per usage event and a grant per payment idempotent.
 */
@ApplicationScoped
public class CreditLedger {

  private static final String APPEND =
      "INSERT INTO credit_entry (workspace_id, kind, amount_micros, source, reference, expires_at,"
          + " created_at) VALUES (:workspaceId, :kind, :amount, :source, :reference, :expiresAt,"
          + " now()) ON CONFLICT (kind, reference) DO NOTHING";

  private static final String APPEND_DEBITS =
      "INSERT INTO credit_entry (workspace_id, kind, amount_micros, source, reference, created_at)"
          + " SELECT :workspaceId, 'debit', debit.amount, :source, debit.reference, now()"
          + " FROM unnest(CAST(:references AS varchar[]), CAST(:amounts AS int8[]))"
          + " AS debit(reference, amount)"
          + " ON CONFLICT (kind, reference) DO NOTHING";

  private static final String SUM =
      "SELECT COALESCE(SUM(amount_micros), 0) FROM credit_entry WHERE workspace_id = :workspaceId";

  /** Appends a grant of a positive amount; returns false when the reference was granted before. */
  public Uni<Boolean> grant(
      BillingAccount account,
      long amountMicros,
      String source,
      String reference,
      Instant expiresAt) {
    if (amountMicros <= 0) {
      throw new IllegalArgumentException("A grant needs a positive amount, not " + amountMicros);
    }
    return append(account, CreditEntry.Kind.grant, amountMicros, source, reference, expiresAt);
  }

  /** Appends a debit of a positive cost; returns false when the reference was debited before. */
  public Uni<Boolean> debit(
      BillingAccount account, long costMicros, String source, String reference) {
    if (costMicros <= 0) {
      throw new IllegalArgumentException("A debit needs a positive cost, not " + costMicros);
    }
    return append(account, CreditEntry.Kind.debit, -costMicros, source, reference, null);
  }

  /** A debit of a positive cost, and the reference that makes it unique. */
  public record Debit(String reference, long costMicros) {}

  /**
   * Appends the debits in one statement. Every reference must be new: when one was debited before,
   * the whole call fails, so that the caller's transaction rolls back instead of debiting a part.
   */
  public Uni<Void> debitAll(BillingAccount account, String source, List<Debit> debits) {
    if (debits.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String[] references = new String[debits.size()];
    Long[] amounts = new Long[debits.size()];
    long total = 0;
    for (int i = 0; i < debits.size(); i++) {
      Debit debit = debits.get(i);
      if (debit.costMicros() <= 0) {
        throw new IllegalArgumentException(
            "A debit needs a positive cost, not " + debit.costMicros());
      }
      references[i] = debit.reference();
      amounts[i] = -debit.costMicros();
      total = Math.addExact(total, debit.costMicros());
    }
    long debited = total;
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(APPEND_DEBITS)
                    .setParameter("workspaceId", account.workspaceId)
                    .setParameter("source", source)
                    .setParameter("references", references)
                    .setParameter("amounts", amounts)
                    .executeUpdate())
        .invoke(
            inserted -> {
              if (inserted != debits.size()) {
                throw new IllegalStateException(
                    (debits.size() - inserted) + " of " + debits.size() + " debits existed before");
              }
              account.balanceMicros = Math.subtractExact(account.balanceMicros, debited);
            })
        .replaceWithVoid();
  }

  /** Appends an adjustment of either sign; returns false when the reference was used before. */
  public Uni<Boolean> adjust(
      BillingAccount account, long amountMicros, String source, String reference) {
    return append(account, CreditEntry.Kind.adjustment, amountMicros, source, reference, null);
  }

  /** Returns the sum of the workspace's ledger entries. */
  public Uni<Long> sum(String workspaceId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(SUM, Number.class)
                    .setParameter("workspaceId", workspaceId)
                    .getSingleResult())
        .map(Number::longValue);
  }

  private Uni<Boolean> append(
      BillingAccount account,
      CreditEntry.Kind kind,
      long amountMicros,
      String source,
      String reference,
      Instant expiresAt) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(APPEND)
                    .setParameter("workspaceId", account.workspaceId)
                    .setParameter("kind", kind.name())
                    .setParameter("amount", amountMicros)
                    .setParameter("source", source)
                    .setParameter("reference", reference)
                    .setParameter("expiresAt", expiresAt)
                    .executeUpdate())
        .map(
            inserted -> {
              if (inserted == 1) {
                account.balanceMicros = Math.addExact(account.balanceMicros, amountMicros);
              }
              return inserted == 1;
            });
  }
}
