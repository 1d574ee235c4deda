package dev.roberto.webhook.workspace;

import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The caller's workspace settings for usage webhooks. */
@Path("/api/webhooks/settings")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceSettingsResource {

  private final WorkspaceSettings settings;
  private final Caller caller;

  public WorkspaceSettingsResource(WorkspaceSettings settings, Caller caller) {
    this.settings = settings;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<WorkspaceSettings.View> get() {
    return settings.find(caller.workspaceId().toString());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<WorkspaceSettings.View> update(WorkspaceSettings.Change change) {
    if (change == null || change.signaturesRequired() == null) {
      throw new ProblemException(
              422,
              ProblemCodes.VALIDATION_FAILED,
              "Validation failed",
              "Invalid values: signaturesRequired.",
              "Send {\"signaturesRequired\": true} or false.")
          .with("errors", List.of(Map.of("field", "signaturesRequired", "message", "is required")));
    }
    return settings.update(
        caller.workspaceId().toString(), change.signaturesRequired(), caller.subject());
  }
}
