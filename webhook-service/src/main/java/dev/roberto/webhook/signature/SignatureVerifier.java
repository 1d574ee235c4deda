package dev.roberto.webhook.signature;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.webhook.config.WebhookConfig;
import dev.roberto.webhook.usage.IntakeLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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

  private final SecretCipher cipher;
  private final WebhookConfig config;
  private final Clock clock = Clock.systemUTC();

  public SignatureVerifier(SecretCipher cipher, WebhookConfig config) {
    this.cipher = cipher;
    this.config = config;
  }

  /**
   * Returns when the delivery may proceed, or throws a 401 problem. The agent's secrets are
   * decrypted only when the delivery carries a well-formed signature header.
   */
  public void verify(IntakeLookup.Agent agent, String header, byte[] body) {
    if (header == null || header.isBlank()) {
      if (config.signatures().required() || agent.workspaceRequiresSignatures()) {
        throw required();
      }
      return;
    }
    SignatureHeader parsed = SignatureHeader.parse(header);
    if (parsed == null) {
      throw invalid(
          "The x-roberto-signature header is malformed: it needs one t=<unix seconds>"
              + " and at least one v1=<hex> entry.");
    }
    List<String> valid = new ArrayList<>(agent.validSecrets().size());
    for (IntakeLookup.EncryptedSecret secret : agent.validSecrets()) {
      valid.add(cipher.decrypt(secret.secretId(), secret.ciphertext()));
    }
    check(agent.agentId(), parsed, body, valid);
  }

  private void check(String agentId, SignatureHeader header, byte[] body, List<String> valid) {
    boolean matched = false;
    for (String secret : valid) {
      byte[] expected = SignatureScheme.sign(secret, header.timestamp(), body);
      matched |= SignatureScheme.matchesAny(expected, header.signatures());
    }
    if (!matched) {
      throw invalid(
          valid.isEmpty()
              ? "Agent " + agentId + " has no valid signing secret."
              : "No v1 signature matches a valid signing secret of agent " + agentId + ".");
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
