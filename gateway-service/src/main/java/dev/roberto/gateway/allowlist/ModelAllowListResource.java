package dev.roberto.gateway.allowlist;

import dev.roberto.common.readmodel.KnownAgent;
import dev.roberto.gateway.credential.Agents;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The models one agent may use through the gateway. Members of the agent's workspace may read the
 * list; owners and admins may change it.
 */
@Path("/api/agents/{agentId}/gateway-models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelAllowListResource {

  private final ModelAllowLists allowLists;
  private final Agents agents;
  private final Caller caller;

  public ModelAllowListResource(ModelAllowLists allowLists, Agents agents, Caller caller) {
    this.allowLists = allowLists;
    this.agents = agents;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<ModelAllowListView> get(@PathParam("agentId") String agentId) {
    return agentOfCaller(agentId).chain(agent -> allowLists.view(agent.agentId));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<ModelAllowListView> replace(
      @PathParam("agentId") String agentId, @Valid @NotNull ModelListRequest request) {
    return agentOfCaller(agentId)
        .chain(agent -> allowLists.replace(agent, request.models(), caller.subject()));
  }

  @DELETE
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<Response> remove(@PathParam("agentId") String agentId) {
    return agentOfCaller(agentId)
        .chain(allowLists::remove)
        .replaceWith(Response.noContent().build());
  }

  private Uni<KnownAgent> agentOfCaller(String agentId) {
    return agents.requireInWorkspace(agentId, caller.workspaceId().toString());
  }
}
