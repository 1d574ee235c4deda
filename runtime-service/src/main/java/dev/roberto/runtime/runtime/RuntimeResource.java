package dev.roberto.runtime.runtime;

import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

@Path("/api/runtime/runtimes")
@Produces(MediaType.APPLICATION_JSON)
public class RuntimeResource {

  private final RuntimeRegistry registry;
  private final Caller caller;

  RuntimeResource(RuntimeRegistry registry, Caller caller) {
    this.registry = registry;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OWNER, Roles.ADMIN})
  public Uni<Response> register(@Valid @NotNull RegisterRuntime request) {
    return registry
        .register(caller.workspaceId(), request.name(), caller.subject())
        .map(
            registered ->
                Response.created(URI.create("/api/runtime/runtimes/" + registered.id()))
                    .entity(registered)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.MEMBER})
  public Uni<List<RuntimeView>> list() {
    return registry.list(caller.workspaceId());
  }
}
