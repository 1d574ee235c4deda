package dev.roberto.auth.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * billing-service's Stripe commands, called with a person's access token. The URL is {@code
 * quarkus.rest-client.billing-service.url}. An error response becomes a {@link
 * BillingServiceProblem}.
 */
@RegisterRestClient(configKey = "billing-service")
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public interface BillingServiceClient {

  /** A Stripe page as billing-service returns it. */
  record Link(String sessionId, String url) {}

  /** The body of a credit pack purchase: {@code amount} in minor units (cents). */
  record CreditsRequest(long amount) {}

  @POST
  @Path("setup")
  Uni<Link> setup(@HeaderParam("Authorization") String authorization);

  @POST
  @Path("checkout")
  Uni<Link> checkout(@HeaderParam("Authorization") String authorization);

  @POST
  @Path("credits-checkout")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Link> creditsCheckout(
      @HeaderParam("Authorization") String authorization, CreditsRequest request);

  @POST
  @Path("portal")
  Uni<Link> portal(@HeaderParam("Authorization") String authorization);

  /** Turns an error response into a problem with billing-service's code, detail and hint. */
  @ClientExceptionMapper
  static RuntimeException toProblem(Response response) {
    JsonNode body = null;
    try {
      body = new ObjectMapper().readTree(response.readEntity(String.class));
    } catch (Exception e) {
      // Not JSON, such as a proxy's error page, so only the status is known.
    }
    return BillingServiceProblem.of(response.getStatus(), body);
  }
}
