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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Apply, progress and script download of a decision, called by the decision's runtime. */
@Path("/api/runtime/decisions/{decisionId}")
@RolesAllowed(Roles.RUNTIME)
public class DecisionResource {

  private final UpdateApplier applier;
  private final ProgressReports progress;
  private final ScriptDownloads downloads;
  private final Caller caller;
  private final RuntimeTokenProblems tokenProblems;

  DecisionResource(
      UpdateApplier applier,
      ProgressReports progress,
      ScriptDownloads downloads,
      Caller caller,
      RuntimeTokenProblems tokenProblems) {
    this.applier = applier;
    this.progress = progress;
    this.downloads = downloads;
    this.caller = caller;
    this.tokenProblems = tokenProblems;
  }

  @POST
  @Path("/apply")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<ApplyAccepted> apply(
      @PathParam("decisionId") UUID decisionId,
      @Valid @NotNull ApplyUpdate request,
      @Context UriInfo uri) {
    return applier.apply(
        caller.workspaceId(),
        RegisteredRuntimes.runtimeIdOf(caller),
        decisionId,
        request,
        uri.getBaseUri());
  }

  @POST
  @Path("/progress")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<UpdateStatusView> progress(
      @PathParam("decisionId") UUID decisionId, @Valid @NotNull ReportProgress report) {
    return progress.report(
        caller.workspaceId(), RegisteredRuntimes.runtimeIdOf(caller), decisionId, report);
  }

  /** Returns the script's bytes, with its SHA-256 in a header; the client still checks the hash. */
  @GET
  @Path("/scripts/{scriptId}")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  public Uni<Response> script(
      @PathParam("decisionId") UUID decisionId,
      @PathParam("scriptId") UUID scriptId,
      @QueryParam("expires") String expires,
      @QueryParam("signature") String signature) {
    return downloads
        .download(
            caller.workspaceId(),
            RegisteredRuntimes.runtimeIdOf(caller),
            decisionId,
            scriptId,
            expires,
            signature)
        .map(
            script ->
                Response.ok(script.body(), MediaType.APPLICATION_OCTET_STREAM)
                    .header("X-Script-Name", script.name())
                    .header("X-Script-SHA256", script.sha256())
                    .header("Cache-Control", "no-store")
                    .build());
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
