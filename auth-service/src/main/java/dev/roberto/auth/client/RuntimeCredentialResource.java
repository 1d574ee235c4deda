package dev.roberto.auth.client;

import dev.roberto.auth.token.BearerAuthenticator;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Runtime credentials of the caller's workspace, for its owners and admins. */
@Path("/api/auth/runtime-credentials")
public class RuntimeCredentialResource {

  private final RuntimeCredentials credentials;
  private final BearerAuthenticator bearer;

  public RuntimeCredentialResource(RuntimeCredentials credentials, BearerAuthenticator bearer) {
    this.credentials = credentials;
    this.bearer = bearer;
  }

  @POST
  public Uni<Response> register(
      @Valid @NotNull RegisterRequest request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer
        .authenticateUser(authorization)
        .chain(caller -> credentials.register(caller, request.runtimeId()))
        .map(issued -> Response.status(201).entity(issued).build());
  }

  @GET
  public Uni<List<RuntimeCredentials.CredentialView>> list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer.authenticateUser(authorization).chain(credentials::list);
  }

  @DELETE
  @Path("/{clientId}")
  public Uni<Response> revoke(
      @PathParam("clientId") String clientId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer
        .authenticateUser(authorization)
        .chain(caller -> credentials.revoke(caller, clientId))
        .map(ignored -> Response.noContent().build());
  }

  /** The runtime the credential is for, as runtime-service names it. */
  public record RegisterRequest(
      @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String runtimeId) {}
}
