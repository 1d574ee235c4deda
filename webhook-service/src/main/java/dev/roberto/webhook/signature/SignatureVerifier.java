package dev.roberto.webhook.signature;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.webhook.config.WebhookConfig;
import dev.roberto.webhook.workspace.WorkspaceSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Checks {@code x-roberto-signature} against the agent's valid signing secrets. A delivery without
 * the header passes only when neither the deployment nor the workspace requires signatures; a
 * header that is present is always checked.
 */
@ApplicationScoped
public class SignatureVerifier {

  static final String SIGNATURE_REQUIRED = "signature_required";
  static final String SIGNATURE_INVALID = "signature_invalid";
  static final String SIGNATURE_EXPIRED = "signature_expired";

  private final SigningSecrets secrets;
  private final WorkspaceSettings settings;
  private final WebhookConfig config;
  private final Clock clock = Clock.systemUTC();

  public SignatureVerifier(
      SigningSecrets secrets, WorkspaceSettings settings, WebhookConfig config) {
    this.secrets = secrets;
    this.settings = settings;
    this.config = config;
  }

  /** Completes when the delivery may proceed, or fails with a 401 problem. */
  public Uni<Void> verify(KnownAgent agent, String header, byte[] body) {
    if (header == null || header.isBlank()) {
      return Panache.withSession(() -> settings.signaturesRequired(agent.workspaceId))
          .invoke(
              required -> {
                if (required) {
                  throw required();
                }
              })
          .replaceWithVoid();
    }
    SignatureHeader parsed = SignatureHeader.parse(header);
    if (parsed == null) {
      return Uni.createFrom()
          .failure(
              invalid(
                  "The x-roberto-signature header is malformed: it needs one t=<unix seconds>"
                      + " and at least one v1=<hex> entry."));
    }
    return Panache.withSession(() -> secrets.validSecrets(agent.agentId))
        .invoke(valid -> check(agent, parsed, body, valid))
        .replaceWithVoid();
  }

  private void check(KnownAgent agent, SignatureHeader header, byte[] body, List<String> valid) {
    boolean matched = false;
    for (String secret : valid) {
      byte[] expected = SignatureScheme.sign(secret, header.timestamp(), body);
      matched |= SignatureScheme.matchesAny(expected, header.signatures());
    }
    if (!matched) {
      throw invalid(
          valid.isEmpty()
              ? "Agent " + agent.agentId + " has no valid signing secret."
              : "No v1 signature matches a valid signing secret of agent " + agent.agentId + ".");
    }
    Duration tolerance = config.signatures().tolerance();
    long skewSeconds = Math.abs(clock.instant().getEpochSecond() - header.timestamp());
    if (skewSeconds > tolerance.toSeconds()) {
      throw new ProblemException(
          401,
          SIGNATURE_EXPIRED,
          "Signature expired",
          "The signature's timestamp is "
              + skewSeconds
              + " seconds away from the server clock; at most "
              + tolerance.toSeconds()
              + " are accepted.",
          "Sign each delivery, retries included, with the current time, and keep the sender's"
              + " clock in sync.");
    }
  }

  private static ProblemException required() {
    return new ProblemException(
        401,
        SIGNATURE_REQUIRED,
        "Signature required",
        "Deliveries to this agent must carry an x-roberto-signature header.",
        "Sign the delivery with the agent's signing secret: t=<unix seconds>,v1=<HMAC-SHA256 hex"
            + " of \"<t>.<body>\">.");
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(
        401,
        SIGNATURE_INVALID,
        "Signature invalid",
        detail,
        "Compute v1 as HMAC-SHA256, keyed with the whole signing secret, over \"<t>.\" followed"
            + " by the exact body bytes sent, and check that the secret is not revoked or"
            + " expired.");
  }
}
