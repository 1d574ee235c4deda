package dev.roberto.billing.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.roberto.billing.config.BillingConfig;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Checks the {@code Stripe-Signature} header with stripe-java's {@link Webhook}: an HMAC-SHA256 of
 * the timestamp and the body exactly as received, under the endpoint's signing secret, with a
 * timestamp no older than the configured tolerance.
 */
@ApplicationScoped
public class StripeWebhookVerifier {

  static final String SIGNATURE_MISSING = "stripe_signature_missing";
  static final String SIGNATURE_INVALID = "stripe_signature_invalid";

  private final BillingConfig.Stripe settings;

  public StripeWebhookVerifier(BillingConfig config) {
    this.settings = config.stripe();
  }

  /** Returns the verified event, or throws a 400 problem and leaves everything unchanged. */
  public Event verify(byte[] body, String signatureHeader) {
    String secret =
        settings
            .webhookSecret()
            .orElseThrow(() -> StripeProblems.notConfigured("Stripe webhook secret"));
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new ProblemException(
          400,
          SIGNATURE_MISSING,
          "Missing signature",
          "The request has no Stripe-Signature header.",
          "Send Stripe webhooks to this endpoint from Stripe, which signs each delivery.");
    }
    // Stripe signs the UTF-8 bytes of the body. Decoding and re-encoding valid UTF-8 keeps those
    // bytes unchanged, so CRLF line endings and non-ASCII text verify as sent.
    String payload = new String(body, StandardCharsets.UTF_8);
    try {
      return Webhook.constructEvent(
          payload, signatureHeader, secret, settings.webhookToleranceSeconds());
    } catch (SignatureVerificationException e) {
      Log.warnf("Rejected a Stripe webhook: %s", e.getMessage());
      throw new ProblemException(
          400,
          SIGNATURE_INVALID,
          "Invalid signature",
          "The Stripe-Signature header does not verify: " + e.getMessage() + ".",
          "Check that roberto.billing.stripe.webhook-secret is the signing secret of this"
              + " endpoint in the Stripe dashboard, and that the clocks agree.");
    } catch (RuntimeException e) {
      throw new ProblemException(
          400,
          ProblemCodes.MALFORMED_JSON,
          "Malformed event",
          "The webhook body is not a Stripe event.",
          "Send Stripe events only.");
    }
  }
}
