package dev.roberto.auth.device;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.roberto.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The RFC 8628 device authorization endpoint, form-encoded, for stock OAuth clients. Its errors are
 * RFC 6749 error bodies ({@code error}, {@code error_description}), not problem+json.
 */
@Path("/oauth2/device_authorization")
public class DeviceAuthorizationEndpoint {

  /** The RFC 8628 section 3.2 response. */
  public record DeviceAuthorizationResponse(
      @JsonProperty("device_code") String deviceCode,
      @JsonProperty("user_code") String userCode,
      @JsonProperty("verification_uri") String verificationUri,
      @JsonProperty("verification_uri_complete") String verificationUriComplete,
      @JsonProperty("expires_in") long expiresIn,
      int interval) {

    static DeviceAuthorizationResponse of(DeviceCodeIssued issued) {
      return new DeviceAuthorizationResponse(
          issued.deviceCode(),
          issued.userCode(),
          issued.verificationUri(),
          issued.verificationUriComplete(),
          issued.expiresIn(),
          issued.interval());
    }
  }

  private final DeviceLoginService deviceLogin;

  public DeviceAuthorizationEndpoint(DeviceLoginService deviceLogin) {
    this.deviceLogin = deviceLogin;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> authorize(@RestForm("client_id") String clientId) {
    if (clientId == null || clientId.isBlank()) {
      return Uni.createFrom()
          .item(
              oauthError(
                  new ProblemException(
                      400,
                      DeviceProblems.INVALID_REQUEST,
                      "Client missing",
                      "The request has no client_id.",
                      "Send client_id=cli or client_id=mcp.")));
    }
    var client = DeviceClient.byId(clientId);
    if (client.isEmpty()) {
      return Uni.createFrom().item(oauthError(DeviceProblems.unknownClient(clientId)));
    }
    return deviceLogin
        .start(client.get())
        .map(
            issued ->
                Response.ok(DeviceAuthorizationResponse.of(issued))
                    .header("Cache-Control", "no-store")
                    .build());
  }

  private static Response oauthError(ProblemException problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", problem.code());
    body.put("error_description", problem.detail() + " " + problem.hint());
    return Response.status(problem.status())
        .type(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .entity(body)
        .build();
  }
}
