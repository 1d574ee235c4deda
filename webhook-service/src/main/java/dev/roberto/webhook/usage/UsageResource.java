package dev.roberto.webhook.usage;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.webhook.config.WebhookConfig;
import dev.roberto.webhook.idempotency.IdempotencyKeys;
import dev.roberto.webhook.signature.SignatureHeader;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Receives usage webhooks. The body arrives as raw bytes, because the signature covers exactly the
 * bytes sent, and the JSON is parsed from those same bytes.
 */
@Path(UsageResource.PATH)
public class UsageResource {

  static final String PATH = "/api/webhooks/usage";
  static final String AGENT_ID_REQUIRED = "agent_id_required";

  private final UsageIntake intake;
  private final WebhookConfig config;

  public UsageResource(UsageIntake intake, WebhookConfig config) {
    this.intake = intake;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> receive(
      @QueryParam("agentId") String agentId,
      @HeaderParam(SignatureHeader.NAME) String signature,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      byte[] body) {
    if (agentId == null || agentId.isBlank()) {
      throw new ProblemException(
          400,
          AGENT_ID_REQUIRED,
          "Agent id required",
          "The agentId query parameter is missing.",
          "Send the delivery to " + PATH + "?agentId=<your agent id>.");
    }
    BodySizeLimit.check(body == null ? 0 : body.length, config.usage().maxBodySize().asLongValue());
    return intake
        .accept(agentId, body == null ? new byte[0] : body, signature, idempotencyKey)
        .map(UsageResource::toResponse);
  }

  private static Response toResponse(UsageIntake.Outcome outcome) {
    Response.ResponseBuilder response =
        Response.status(outcome.status()).type(MediaType.APPLICATION_JSON).entity(outcome.body());
    if (outcome.replayed()) {
      response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
    }
    return response.build();
  }
}
