package dev.roberto.auth.device;

import dev.roberto.auth.token.IssuedTokens;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseHeader;

/** The device login in camelCase JSON, for the roberto CLI and MCP server. */
@Path("/api/auth/device")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DeviceCodeResource {

  /** Body of a device code request; {@code client} is {@code cli} (the default) or {@code mcp}. */
  public record CodeRequest(String client) {}

  public record TokenRequest(String deviceCode) {}

  public record TokenResponse(
      String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static TokenResponse of(IssuedTokens tokens) {
      return new TokenResponse(
          tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn());
    }
  }

  private final DeviceLoginService deviceLogin;

  public DeviceCodeResource(DeviceLoginService deviceLogin) {
    this.deviceLogin = deviceLogin;
  }

  @POST
  @Path("/code")
  @ResponseHeader(name = "Cache-Control", value = "no-store")
  public Uni<DeviceCodeIssued> code(CodeRequest request) {
    String clientId = request == null || request.client() == null ? "cli" : request.client();
    DeviceClient client =
        DeviceClient.byId(clientId).orElseThrow(() -> DeviceProblems.unknownClient(clientId));
    return deviceLogin.start(client);
  }

  /** Starts a CLI login for a request without a body, which has no JSON media type. */
  @POST
  @Path("/code")
  @Consumes(MediaType.WILDCARD)
  @ResponseHeader(name = "Cache-Control", value = "no-store")
  public Uni<DeviceCodeIssued> codeWithoutBody() {
    return code(null);
  }

  @POST
  @Path("/token")
  @ResponseHeader(name = "Cache-Control", value = "no-store")
  public Uni<TokenResponse> token(TokenRequest request) {
    return deviceLogin
        .redeem(request == null ? null : request.deviceCode(), "deviceCode")
        .map(TokenResponse::of);
  }
}
