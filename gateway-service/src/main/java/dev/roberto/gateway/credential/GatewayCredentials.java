package dev.roberto.gateway.credential;

import dev.roberto.common.hash.Sha256;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.gateway.config.GatewayConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Creates, lists, rotates and revokes the gateway tokens of agents. {@link TokenOwners} checks a
 * presented token.
 */
@ApplicationScoped
public class GatewayCredentials {

  public static final String TOKEN_PREFIX = "rgw_";
  static final String UNKNOWN_CREDENTIAL = "unknown_gateway_credential";
  static final String CREDENTIAL_NOT_ACTIVE = "gateway_credential_not_active";
  static final String TOO_MANY_CREDENTIALS = "too_many_gateway_credentials";

  private static final int TOKEN_BYTES = 32;
  private static final int SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length() + 8;

  private final GatewayConfig config;
  private final TokenOwnerCache cache;
  private final SecureRandom random = new SecureRandom();

  public GatewayCredentials(GatewayConfig config, TokenOwnerCache cache) {
    this.config = config;
    this.cache = cache;
  }

  /** Creates a token for the agent and returns it with its value, which is shown only here. */
  public Uni<CredentialView> create(KnownAgent agent, String createdBy) {
    return Panache.withTransaction(
        () ->
            GatewayCredential.listForAgent(agent.agentId)
                .chain(
                    held -> {
                      Instant now = Instant.now();
                      long valid = held.stream().filter(row -> row.isValidAt(now)).count();
                      if (valid >= config.credentials().maxActive()) {
                        throw tooMany(agent.agentId);
                      }
                      return insertNew(agent, createdBy, now);
                    }));
  }

  public Uni<List<CredentialView>> list(String agentId) {
    Instant now = Instant.now();
    return Panache.withSession(
        () ->
            GatewayCredential.listForAgent(agentId)
                .map(rows -> rows.stream().map(row -> CredentialView.of(row, now)).toList()));
  }

  /** Replaces an active token; the old one stays valid for the configured overlap. */
  public Uni<CredentialView> rotate(KnownAgent agent, String credentialId, String rotatedBy) {
    return Panache.withTransaction(
        () ->
            lockOwned(agent.agentId, credentialId)
                .chain(
                    old -> {
                      Instant now = Instant.now();
                      if (!"active".equals(old.statusAt(now))) {
                        throw notActive(credentialId, old.statusAt(now));
                      }
                      return insertNew(agent, rotatedBy, now)
                          .invoke(
                              created -> {
                                old.expiresAt = now.plus(config.credentials().rotationOverlap());
                                old.replacedBy = created.id();
                                Log.infof(
                                    "Rotated gateway credential %s of agent %s to %s",
                                    credentialId, agent.agentId, created.id());
                              });
                    }));
  }

  /**
   * Revokes the token at once, on this replica as soon as the transaction commits; revoking a
   * revoked token changes nothing.
   */
  public Uni<Void> revoke(String agentId, String credentialId) {
    return Panache.withTransaction(
            () ->
                lockOwned(agentId, credentialId)
                    .invoke(
                        row -> {
                          if (row.revokedAt == null) {
                            row.revokedAt = Instant.now();
                            Log.infof(
                                "Revoked gateway credential %s of agent %s", credentialId, agentId);
                          }
                        })
                    .replaceWithVoid())
        // Every replica hears of the change from PostgreSQL; this one need not wait for it.
        .invoke(cache::changed);
  }

  private Uni<CredentialView> insertNew(KnownAgent agent, String createdBy, Instant now) {
    String token = newToken();
    GatewayCredential row = new GatewayCredential();
    row.credentialId = UUID.randomUUID().toString();
    row.agentId = agent.agentId;
    row.workspaceId = agent.workspaceId;
    row.tokenSha256 = Sha256.hex(token);
    row.prefix = token.substring(0, SHOWN_PREFIX_LENGTH);
    row.createdAt = now;
    row.createdBy = createdBy;
    return row.<GatewayCredential>persist()
        .map(saved -> CredentialView.withToken(saved, now, token));
  }

  private static Uni<GatewayCredential> lockOwned(String agentId, String credentialId) {
    return GatewayCredential.<GatewayCredential>findById(
            credentialId, LockModeType.PESSIMISTIC_WRITE)
        .map(
            row -> {
              if (row == null || !row.agentId.equals(agentId)) {
                throw new ProblemException(
                    404,
                    UNKNOWN_CREDENTIAL,
                    "Unknown gateway credential",
                    "Agent " + agentId + " has no gateway credential " + credentialId + ".",
                    "List the agent's credentials with `roberto gateway credentials list --agent "
                        + agentId
                        + "`.");
              }
              return row;
            });
  }

  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private ProblemException tooMany(String agentId) {
    int max = config.credentials().maxActive();
    return new ProblemException(
        409,
        TOO_MANY_CREDENTIALS,
        "Too many gateway credentials",
        "Agent " + agentId + " already has " + max + " valid gateway credentials.",
        "Revoke a credential that is no longer in use, or rotate one instead of creating another.");
  }

  private static ProblemException notActive(String credentialId, String status) {
    return new ProblemException(
        409,
        CREDENTIAL_NOT_ACTIVE,
        "Gateway credential not active",
        "Gateway credential " + credentialId + " is " + status + ", so it cannot be rotated.",
        "Rotate the agent's active credential, or create a new one.");
  }
}
