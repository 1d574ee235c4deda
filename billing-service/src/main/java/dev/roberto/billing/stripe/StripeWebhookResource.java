package dev.roberto.billing.stripe;

import com.stripe.model.Event;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Stripe's webhook deliveries. No bearer token: the Stripe-Signature header is the only check, so
 * application.properties permits this path for everyone.
 */
@Path("/api/billing/stripe/webhook")
public class StripeWebhookResource {

  private final StripeWebhookVerifier verifier;
  private final StripeWebhooks webhooks;

  public StripeWebhookResource(StripeWebhookVerifier verifier, StripeWebhooks webhooks) {
    this.verifier = verifier;
    this.webhooks = webhooks;
  }

  /** Takes the body as raw bytes, because the signature covers them exactly as sent. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Map<String, Object>> receive(
      byte[] body, @HeaderParam("Stripe-Signature") String signature) {
    Event event = verifier.verify(body, signature);
    return webhooks.handle(event).replaceWith(Map.of("received", true, "id", event.getId()));
  }
}
