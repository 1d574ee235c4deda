package dev.roberto.webhook.signature;

import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import dev.roberto.webhook.agent.Agents;
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

/** Signing secrets of one agent, for members of the agent's workspace. */
@Path("/api/webhooks/agents/{agentId}/signing-secrets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
public class SigningSecretResource {

  private final SigningSecrets secrets;
  private final Agents agents;
  private final Caller caller;

  public SigningSecretResource(SigningSecrets secrets, Agents agents, Caller caller) {
    this.secrets = secrets;
    this.agents = agents;
    this.caller = caller;
  }

  @POST
  public Uni<Response> create(@PathParam("agentId") String agentId, @Context UriInfo uri) {
    return agentOfCaller(agentId)
        .chain(agent -> secrets.create(agent, caller.subject()))
        .map(created -> created(uri, created, false));
  }

  @GET
  public Uni<List<SigningSecretView>> list(@PathParam("agentId") String agentId) {
    return agentOfCaller(agentId).chain(agent -> secrets.list(agent.agentId));
  }

  @POST
  @Path("{secretId}/rotate")
  public Uni<Response> rotate(
      @PathParam("agentId") String agentId,
      @PathParam("secretId") String secretId,
      @Context UriInfo uri) {
    return agentOfCaller(agentId)
        .chain(agent -> secrets.rotate(agent, secretId, caller.subject()))
        .map(created -> created(uri, created, true));
  }

  @DELETE
  @Path("{secretId}")
  public Uni<Response> revoke(
      @PathParam("agentId") String agentId, @PathParam("secretId") String secretId) {
    return agentOfCaller(agentId)
        .chain(agent -> secrets.revoke(agent.agentId, secretId))
        .replaceWith(Response.noContent().build());
  }

  private Uni<KnownAgent> agentOfCaller(String agentId) {
    String workspaceId = caller.workspaceId().toString();
    return agents.requireInWorkspace(agentId, workspaceId);
  }

  private static Response created(UriInfo uri, SigningSecretView created, boolean rotated) {
    URI location =
        rotated
            ? uri.getBaseUriBuilder()
                .path("api/webhooks/agents/{agentId}/signing-secrets/{secretId}")
                .build(created.agentId(), created.id())
            : uri.getAbsolutePathBuilder().path(created.id()).build();
    return Response.created(location).entity(created).build();
  }
}
