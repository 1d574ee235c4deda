package dev.roberto.runtime.update;

import dev.roberto.runtime.grant.AgentIds;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The update state of one agent; apart from the agents resource, which owns /api/agents. */
@Path("/api/agents/{agentId}/update-status")
@Produces(MediaType.APPLICATION_JSON)
public class AgentUpdateStatusResource {

  private final UpdateStatuses statuses;
  private final Caller caller;

  AgentUpdateStatusResource(UpdateStatuses statuses, Caller caller) {
    this.statuses = statuses;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<UpdateStatusView> status(
      @PathParam("agentId")
          @Size(max = 100)
          @Pattern(regexp = AgentIds.PATTERN, message = AgentIds.MESSAGE)
          String agentId) {
    return statuses.ofAgent(caller.workspaceId(), agentId);
  }
}
