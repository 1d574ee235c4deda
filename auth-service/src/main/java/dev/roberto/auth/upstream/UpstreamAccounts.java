package dev.roberto.auth.upstream;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.account.AccountView;
import dev.roberto.auth.account.UserAccount;
import dev.roberto.auth.crypto.Secrets;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Finds the local account of a person signed in at the upstream provider, links it to the
 * provider's issuer and subject, and creates it when sign-up is enabled.
 */
@ApplicationScoped
public class UpstreamAccounts {

  private static final String FIND_LINK =
      "SELECT CAST(user_id AS text) FROM upstream_identity WHERE issuer = :issuer"
          + " AND subject = :subject";
  private static final String INSERT_LINK =
      "INSERT INTO upstream_identity (issuer, subject, user_id, created_at)"
          + " VALUES (:issuer, :subject, :userId, now())";

  private final AccountService accounts;
  private final AuthConfig config;

  public UpstreamAccounts(AccountService accounts, AuthConfig config) {
    this.accounts = accounts;
    this.config = config;
  }

  /**
   * Returns the account linked to the identity. Without a link it links the account with the
   * identity's verified email, or creates one when sign-up is enabled.
   *
   * @throws ProblemException {@code upstream_email_missing} when an unlinked identity has no
   *     verified email, {@code signup_disabled} when no account has the email and sign-up is off
   */
  public Uni<AccountView> accountFor(UpstreamIdentity identity) {
    return Panache.withTransaction(
        () ->
            linkedUser(identity)
                .chain(
                    userId ->
                        userId == null
                            ? linkByEmail(identity)
                            : accounts.find(UUID.fromString(userId)).map(found -> found.get())));
  }

  private Uni<String> linkedUser(UpstreamIdentity identity) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(FIND_LINK, String.class)
                    .setParameter("issuer", identity.issuer())
                    .setParameter("subject", identity.subject())
                    .getResultList())
        .map((List<String> rows) -> rows.isEmpty() ? null : rows.get(0));
  }

  private Uni<AccountView> linkByEmail(UpstreamIdentity identity) {
    if (identity.email() == null || identity.email().isBlank() || !identity.emailVerified()) {
      return Uni.createFrom().failure(UpstreamProblems.emailMissing());
    }
    String email = AccountService.normalizeEmail(identity.email());
    return UserAccount.findByEmail(email)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().item(existing.view());
              }
              return createAccount(identity, email);
            })
        .call(account -> insertLink(identity, account.userId()));
  }

  private Uni<AccountView> createAccount(UpstreamIdentity identity, String email) {
    if (!config.signup().enabled()) {
      return Uni.createFrom().failure(UpstreamProblems.noAccount(email));
    }
    String displayName =
        identity.displayName() == null || identity.displayName().isBlank()
            ? email
            : identity.displayName().strip();
    // The account signs in only through the provider: its password is a random secret nobody
    // knows, so the password form never matches it.
    return accounts
        .createAccount(email, Secrets.newSecret(), displayName, displayName + "'s workspace")
        .map(AccountService.SignedUp::account);
  }

  private Uni<Integer> insertLink(UpstreamIdentity identity, UUID userId) {
    Log.infof("Linking account %s to its identity at %s", userId, identity.issuer());
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(INSERT_LINK)
                    .setParameter("issuer", identity.issuer())
                    .setParameter("subject", identity.subject())
                    .setParameter("userId", userId)
                    .executeUpdate());
  }
}
