package dev.roberto.runtime.update;

import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The update state of a runtime and of each agent it reported. */
@Path("/api/runtime/runtimes/{runtimeId}/update-status")
@Produces(MediaType.APPLICATION_JSON)
public class RuntimeUpdateStatusResource {

  private final UpdateStatuses statuses;
  private final Caller caller;

  RuntimeUpdateStatusResource(UpdateStatuses statuses, Caller caller) {
    this.statuses = statuses;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<List<UpdateStatusView>> status(@PathParam("runtimeId") UUID runtimeId) {
    return statuses.ofRuntime(caller.workspaceId(), runtimeId);
  }
}
