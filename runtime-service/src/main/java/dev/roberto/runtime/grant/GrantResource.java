package dev.roberto.runtime.grant;

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

@Path("/api/runtime/grants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWNER, Roles.ADMIN})
public class GrantResource {

  private final GrantIssuer issuer;
  private final Caller caller;

  GrantResource(GrantIssuer issuer, Caller caller) {
    this.issuer = issuer;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> issue(@Valid @NotNull IssueGrant request) {
    return issuer
        .issue(caller.workspaceId(), request, caller.subject())
        .map(
            grant ->
                Response.created(URI.create("/api/runtime/grants/" + grant.id()))
                    .header("Cache-Control", "no-store")
                    .entity(grant)
                    .build());
  }

  @GET
  public Uni<List<GrantView>> list() {
    return issuer.list(caller.workspaceId());
  }
}
