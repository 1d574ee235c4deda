package dev.roberto.runtime.release;

import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Path("/api/runtime/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {

  private final ReleaseCatalog catalog;
  private final Caller caller;

  ReleaseResource(ReleaseCatalog catalog, Caller caller) {
    this.catalog = catalog;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<Response> publish(@Valid @NotNull PublishRelease request) {
    return catalog
        .publish(caller.workspaceId(), request, caller.subject())
        .map(
            release ->
                Response.created(URI.create("/api/runtime/releases/" + release.id()))
                    .entity(release)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<List<ReleaseView>> list(
      @QueryParam("component") String component, @QueryParam("channel") String channel) {
    return catalog.list(
        caller.workspaceId(),
        Optional.ofNullable(component).map(ReleaseResource::componentOf),
        Optional.ofNullable(channel));
  }

  @PATCH
  @Path("/{releaseId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<ReleaseView> changeRollout(
      @PathParam("releaseId") UUID releaseId, @Valid @NotNull ChangeRollout request) {
    return catalog.changeRollout(caller.workspaceId(), releaseId, request.rolloutPercent());
  }

  private static Component componentOf(String value) {
    try {
      return Component.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
              422,
              ProblemCodes.VALIDATION_FAILED,
              "Validation failed",
              "Invalid values: component.",
              "Correct the fields listed in errors and send the request again.")
          .with("errors", List.of(Map.of("field", "component", "message", e.getMessage())));
    }
  }
}
