package dev.roberto.runtime.agent;

import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Agents of the caller's workspace. Owners and admins provision and delete, every member starts,
 * stops, lists and shows, and a runtime lists and shows the agents on itself.
 */
@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

  private final AgentService agents;
  private final Caller caller;

  AgentResource(AgentService agents, Caller caller) {
    this.agents = agents;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<Response> provision(@Valid @NotNull ProvisionAgent request) {
    return agents
        .provision(caller.workspaceId(), caller.subject(), request)
        .map(
            agent ->
                Response.created(URI.create("/api/agents/" + agent.id())).entity(agent).build());
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER, Roles.RUNTIME})
  public Uni<List<AgentView>> list(@QueryParam("runtimeId") String runtimeId) {
    return agents.list(caller.workspaceId(), runtimeId, caller.runtimeId());
  }

  @GET
  @Path("/{agentId}")
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER, Roles.RUNTIME})
  public Uni<AgentView> show(@PathParam("agentId") String agentId) {
    return agents.find(caller.workspaceId(), agentId, caller.runtimeId());
  }

  @POST
  @Path("/{agentId}/start")
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<AgentView> start(@PathParam("agentId") String agentId) {
    return agents.start(caller.workspaceId(), agentId);
  }

  @POST
  @Path("/{agentId}/stop")
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<AgentView> stop(@PathParam("agentId") String agentId) {
    return agents.stop(caller.workspaceId(), agentId);
  }

  @DELETE
  @Path("/{agentId}")
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<Response> delete(@PathParam("agentId") String agentId) {
    return agents.delete(caller.workspaceId(), agentId).replaceWith(Response.noContent().build());
  }
}
