package dev.roberto.gateway.credential;

import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/** Gateway tokens of one agent, for members of the agent's workspace. */
@Path("/api/agents/{agentId}/gateway-credentials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
public class GatewayCredentialResource {

  private final GatewayCredentials credentials;
  private final Agents agents;
  private final Caller caller;

  public GatewayCredentialResource(GatewayCredentials credentials, Agents agents, Caller caller) {
    this.credentials = credentials;
    this.agents = agents;
    this.caller = caller;
  }

  @POST
  public Uni<Response> create(@PathParam("agentId") String agentId, @Context UriInfo uri) {
    return agentOfCaller(agentId)
        .chain(agent -> credentials.create(agent, caller.subject()))
        .map(created -> created(uri, created));
  }

  @GET
  public Uni<List<CredentialView>> list(@PathParam("agentId") String agentId) {
    return agentOfCaller(agentId).chain(agent -> credentials.list(agent.agentId));
  }

  @POST
  @Path("{credentialId}/rotate")
  public Uni<Response> rotate(
      @PathParam("agentId") String agentId,
      @PathParam("credentialId") String credentialId,
      @Context UriInfo uri) {
    return agentOfCaller(agentId)
        .chain(agent -> credentials.rotate(agent, credentialId, caller.subject()))
        .map(created -> created(uri, created));
  }

  @DELETE
  @Path("{credentialId}")
  public Uni<Response> revoke(
      @PathParam("agentId") String agentId, @PathParam("credentialId") String credentialId) {
    return agentOfCaller(agentId)
        .chain(agent -> credentials.revoke(agent.agentId, credentialId))
        .replaceWith(Response.noContent().build());
  }

  private Uni<KnownAgent> agentOfCaller(String agentId) {
    return agents.requireInWorkspace(agentId, caller.workspaceId().toString());
  }

  private static Response created(UriInfo uri, CredentialView created) {
    URI location =
        uri.getBaseUriBuilder()
            .path("api/agents/{agentId}/gateway-credentials/{credentialId}")
            .build(created.agentId(), created.id());
    return Response.created(location).entity(created).build();
  }
}
