package dev.roberto.auth.account;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.support.AdvisoryLock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Creates the first account and its workspace at startup when {@code roberto.auth.bootstrap.email}
 * and {@code .password} are set. It does nothing when the account exists, and replicas starting at
 * once take an advisory lock, so only one creates it.
 */
@ApplicationScoped
public class AccountBootstrap {

  private final AccountService accounts;
  private final AuthConfig config;

  public AccountBootstrap(AccountService accounts, AuthConfig config) {
    this.accounts = accounts;
    this.config = config;
  }

  void createAtStartup(@Observes StartupEvent event) throws Throwable {
    AuthConfig.Bootstrap bootstrap = config.bootstrap();
    if (bootstrap.email().isEmpty() || bootstrap.password().isEmpty()) {
      Log.debug("No bootstrap account configured");
      return;
    }
    String email = AccountService.normalizeEmail(bootstrap.email().get());
    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> createUnlessPresent(email, bootstrap)));
  }

  private Uni<Void> createUnlessPresent(String email, AuthConfig.Bootstrap bootstrap) {
    return AdvisoryLock.acquire(AdvisoryLock.BOOTSTRAP_ACCOUNT)
        .chain(() -> UserAccount.findByEmail(email))
        .chain(
            existing -> {
              if (existing != null) {
                Log.debugf("Bootstrap account %s exists", existing.id);
                return Uni.createFrom().voidItem();
              }
              return accounts
                  .createAccount(
                      email,
                      bootstrap.password().get(),
                      bootstrap.displayName(),
                      bootstrap.workspace())
                  .invoke(
                      created ->
                          Log.infof(
                              "Created the bootstrap account %s (%s) with workspace %s",
                              created.account().userId(), email, created.workspace().workspaceId()))
                  .replaceWithVoid();
            });
  }
}
