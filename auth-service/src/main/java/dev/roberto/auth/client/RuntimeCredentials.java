package dev.roberto.auth.client;

import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.crypto.Secrets;
import dev.roberto.auth.token.Caller;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runtime credentials. An owner or admin registers one per runtime and receives its secret once.
 * The runtime exchanges it at the token endpoint for short-lived runtime access tokens.
 */
@ApplicationScoped
public class RuntimeCredentials {

  static final String CLIENT_ID_PREFIX = "rtc_";
  private static final String SECRET_PREFIX = "rts_";

  private final AccountService accounts;

  public RuntimeCredentials(AccountService accounts) {
    this.accounts = accounts;
  }

  /** Registers a credential in the caller's workspace and returns it with its one-time secret. */
  public Uni<IssuedCredential> register(Caller caller, String runtimeId) {
    String clientId = CLIENT_ID_PREFIX + Secrets.randomToken(12);
    String secret = SECRET_PREFIX + Secrets.randomToken(32);
    RuntimeCredential credential = new RuntimeCredential();
    credential.clientId = clientId;
    credential.runtimeId = runtimeId;
    credential.workspaceId = caller.workspaceId();
    credential.secretHash = Secrets.sha256(secret);
    credential.createdBy = caller.userId();
    credential.createdAt = Instant.now();
    return Panache.withTransaction(
            () ->
                accounts
                    .requireManager(caller.userId(), caller.workspaceId())
                    .chain(ignored -> credential.persist()))
        .invoke(
            () ->
                Log.infof(
                    "Registered runtime credential %s for runtime %s in workspace %s",
                    clientId, runtimeId, caller.workspaceId()))
        .replaceWith(
            new IssuedCredential(
                clientId, secret, runtimeId, caller.workspaceId(), credential.createdAt));
  }

  /** Lists the credentials of the caller's workspace, revoked ones included, without secrets. */
  public Uni<List<CredentialView>> list(Caller caller) {
    return Panache.withSession(
        () ->
            accounts
                .requireManager(caller.userId(), caller.workspaceId())
                .chain(
                    ignored ->
                        RuntimeCredential.<RuntimeCredential>list(
                            "workspaceId = ?1 order by createdAt", caller.workspaceId()))
                .map(rows -> rows.stream().map(CredentialView::of).toList()));
  }

  /** Revokes a credential of the caller's workspace; tokens it already got run out on their own. */
  public Uni<Void> revoke(Caller caller, String clientId) {
    return Panache.withTransaction(
        () ->
            accounts
                .requireManager(caller.userId(), caller.workspaceId())
                .chain(ignored -> RuntimeCredential.<RuntimeCredential>findById(clientId))
                .invoke(
                    credential -> {
                      if (credential == null
                          || !credential.workspaceId.equals(caller.workspaceId())) {
                        throw notFound(clientId);
                      }
                      if (credential.revokedAt == null) {
                        credential.revokedAt = Instant.now();
                        Log.infof("Revoked runtime credential %s", clientId);
                      }
                    })
                .replaceWithVoid());
  }

  /** Returns the live credential whose secret matches, or null. */
  Uni<RuntimeCredential> authenticate(String clientId, String secret) {
    return Panache.withSession(() -> RuntimeCredential.<RuntimeCredential>findById(clientId))
        .map(
            credential ->
                credential != null
                        && credential.revokedAt == null
                        && Secrets.hashesEqual(credential.secretHash, Secrets.sha256(secret))
                    ? credential
                    : null);
  }

  private static ProblemException notFound(String clientId) {
    return new ProblemException(
        404,
        "runtime_credential_not_found",
        "Runtime credential not found",
        "No runtime credential " + clientId + " exists in this workspace.",
        "List the runtime credentials of the workspace to find its client id.");
  }

  /** A new credential; the only time its secret is shown. */
  public record IssuedCredential(
      String clientId, String clientSecret, String runtimeId, UUID workspaceId, Instant createdAt) {

    @Override
    public String toString() {
      return "IssuedCredential[clientId=" + clientId + ", runtimeId=" + runtimeId + "]";
    }
  }

  /** A credential without its secret. */
  public record CredentialView(
      String clientId, String runtimeId, UUID workspaceId, Instant createdAt, Instant revokedAt) {

    static CredentialView of(RuntimeCredential credential) {
      return new CredentialView(
          credential.clientId,
          credential.runtimeId,
          credential.workspaceId,
          credential.createdAt,
          credential.revokedAt);
    }
  }
}
