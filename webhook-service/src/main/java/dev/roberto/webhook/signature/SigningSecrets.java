package dev.roberto.webhook.signature;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.webhook.config.WebhookConfig;
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

/** Creates, lists, rotates and revokes the signing secrets of agents. */
@ApplicationScoped
public class SigningSecrets {

  static final String SECRET_PREFIX = "whsec_";
  static final String UNKNOWN_SIGNING_SECRET = "unknown_signing_secret";
  static final String SIGNING_SECRET_NOT_ACTIVE = "signing_secret_not_active";
  static final String TOO_MANY_SIGNING_SECRETS = "too_many_signing_secrets";

  private static final int SECRET_BYTES = 32;
  private static final int SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length() + 8;

  private final SecretCipher cipher;
  private final WebhookConfig config;
  private final SecureRandom random = new SecureRandom();

  public SigningSecrets(SecretCipher cipher, WebhookConfig config) {
    this.cipher = cipher;
    this.config = config;
  }

  /** Creates a secret for the agent and returns it with its value, which is shown only here. */
  public Uni<SigningSecretView> create(KnownAgent agent, String createdBy) {
    return Panache.withTransaction(
        () ->
            SigningSecret.listForAgent(agent.agentId)
                .chain(
                    held -> {
                      Instant now = Instant.now();
                      long valid = held.stream().filter(secret -> secret.isValidAt(now)).count();
                      if (valid >= config.signingSecrets().maxActive()) {
                        throw tooMany(agent.agentId);
                      }
                      return insertNew(agent, createdBy, now);
                    }));
  }

  public Uni<List<SigningSecretView>> list(String agentId) {
    Instant now = Instant.now();
    return Panache.withSession(
        () ->
            SigningSecret.listForAgent(agentId)
                .map(rows -> rows.stream().map(row -> SigningSecretView.of(row, now)).toList()));
  }

  /**
   * Replaces an active secret with a new one. The old secret stays valid for the configured
   * overlap, so senders can switch without a gap.
   */
  public Uni<SigningSecretView> rotate(KnownAgent agent, String secretId, String rotatedBy) {
    return Panache.withTransaction(
        () ->
            lockOwned(agent.agentId, secretId)
                .chain(
                    old -> {
                      Instant now = Instant.now();
                      if (!"active".equals(old.statusAt(now))) {
                        throw notActive(secretId, old.statusAt(now));
                      }
                      return insertNew(agent, rotatedBy, now)
                          .invoke(
                              created -> {
                                old.expiresAt = now.plus(config.signingSecrets().rotationOverlap());
                                old.replacedBy = created.id();
                                Log.infof(
                                    "Rotated signing secret %s of agent %s to %s; the old one"
                                        + " expires at %s",
                                    secretId, agent.agentId, created.id(), old.expiresAt);
                              });
                    }));
  }

  /** Revokes the secret at once; revoking a revoked secret changes nothing. */
  public Uni<Void> revoke(String agentId, String secretId) {
    return Panache.withTransaction(
        () ->
            lockOwned(agentId, secretId)
                .invoke(
                    secret -> {
                      if (secret.revokedAt == null) {
                        secret.revokedAt = Instant.now();
                        Log.infof("Revoked signing secret %s of agent %s", secretId, agentId);
                      }
                    })
                .replaceWithVoid());
  }

  private Uni<SigningSecretView> insertNew(KnownAgent agent, String createdBy, Instant now) {
    String secret = newSecret();
    SigningSecret row = new SigningSecret();
    row.secretId = UUID.randomUUID().toString();
    row.agentId = agent.agentId;
    row.workspaceId = agent.workspaceId;
    row.prefix = secret.substring(0, SHOWN_PREFIX_LENGTH);
    row.encryptedSecret = cipher.encrypt(row.secretId, secret);
    row.createdAt = now;
    row.createdBy = createdBy;
    return row.<SigningSecret>persist()
        .map(saved -> SigningSecretView.withSecret(saved, now, secret));
  }

  private static Uni<SigningSecret> lockOwned(String agentId, String secretId) {
    return SigningSecret.<SigningSecret>findById(secretId, LockModeType.PESSIMISTIC_WRITE)
        .map(
            secret -> {
              if (secret == null || !secret.agentId.equals(agentId)) {
                throw new ProblemException(
                    404,
                    UNKNOWN_SIGNING_SECRET,
                    "Unknown signing secret",
                    "Agent " + agentId + " has no signing secret " + secretId + ".",
                    "List the agent's secrets with GET on its signing-secrets collection.");
              }
              return secret;
            });
  }

  private String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private ProblemException tooMany(String agentId) {
    int max = config.signingSecrets().maxActive();
    return new ProblemException(
        409,
        TOO_MANY_SIGNING_SECRETS,
        "Too many signing secrets",
        "Agent " + agentId + " already has " + max + " valid signing secrets.",
        "Revoke a secret that is no longer in use, or rotate one instead of creating another.");
  }

  private static ProblemException notActive(String secretId, String status) {
    return new ProblemException(
        409,
        SIGNING_SECRET_NOT_ACTIVE,
        "Signing secret not active",
        "Signing secret " + secretId + " is " + status + ", so it cannot be rotated.",
        "Rotate the agent's active secret, or create a new one.");
  }
}
