package dev.roberto.runtime.update;

import dev.roberto.security.Caller;
import dev.roberto.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** check-updates, called by runtimes with their own access token. */
@Path("/api/runtime/check-updates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RUNTIME)
public class CheckUpdatesResource {

  private final UpdateChecker checker;
  private final Caller caller;
  private final RuntimeTokenProblems tokenProblems;

  CheckUpdatesResource(UpdateChecker checker, Caller caller, RuntimeTokenProblems tokenProblems) {
    this.checker = checker;
    this.caller = caller;
    this.tokenProblems = tokenProblems;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<DecisionView> check(@Valid @NotNull CheckUpdates request, @Context UriInfo uri) {
    return checker.check(
        caller.workspaceId(), RegisteredRuntimes.runtimeIdOf(caller), request, uri.getBaseUri());
  }

  @ServerExceptionMapper
  public Response missingToken(UnauthorizedException e, HttpServerRequest request) {
    return tokenProblems.unauthorized(request);
  }

  @ServerExceptionMapper
  public Response rejectedToken(AuthenticationFailedException e, HttpServerRequest request) {
    return tokenProblems.unauthorized(request);
  }

  @ServerExceptionMapper
  public Response notRuntime(ForbiddenException e, HttpServerRequest request) {
    return tokenProblems.notRuntimeToken(request);
  }
}
