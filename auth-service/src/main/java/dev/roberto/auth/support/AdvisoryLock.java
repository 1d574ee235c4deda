package dev.roberto.auth.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL transaction-scoped advisory locks, which serialize startup and rotation work across
 * replicas. The lock is released when the caller's transaction ends.
 */
public final class AdvisoryLock {

  /** Key changes: creation at startup, rotation, removal. */
  public static final long SIGNING_KEYS = 0x726f6265_72746f4bL;

  /** Creation of the bootstrap account. */
  public static final long BOOTSTRAP_ACCOUNT = 0x726f6265_72746f41L;

  private AdvisoryLock() {}

  /** Waits for the lock inside the current transaction. */
  public static Uni<Void> acquire(long id) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("select 1 from (select pg_advisory_xact_lock(:id)) locked")
                    .setParameter("id", id)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
