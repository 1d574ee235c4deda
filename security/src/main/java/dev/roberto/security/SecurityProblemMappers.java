package dev.roberto.security;

import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.common.problem.Problems;
import dev.roberto.common.problem.TokenProblems;
import dev.roberto.common.web.CorrelationIds;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Turns failed bearer token checks into problem+json: 401 when the token is missing, invalid or
 * expired, 403 when its roles do not allow the endpoint.
 */
public class SecurityProblemMappers {

  private final CorrelationIds correlationIds;

  public SecurityProblemMappers(CorrelationIds correlationIds) {
    this.correlationIds = correlationIds;
  }

  @ServerExceptionMapper
  public Response missingToken(UnauthorizedException e, HttpServerRequest request) {
    return unauthorized(request, TokenProblems.missingToken());
  }

  @ServerExceptionMapper
  public Response rejectedToken(AuthenticationFailedException e, HttpServerRequest request) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      return unauthorized(request, TokenProblems.missingToken());
    }
    if (hasExpired(e)) {
      return unauthorized(request, TokenProblems.tokenExpired());
    }
    Log.debugf("Bearer token rejected on %s %s", request.method(), request.path());
    return unauthorized(
        request,
        TokenProblems.invalidToken("The access token is not valid for this control plane."));
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, HttpServerRequest request) {
    return Problems.response(
        403,
        ProblemCodes.FORBIDDEN,
        "Forbidden",
        "Your roles do not allow " + request.method() + " " + request.path() + ".",
        "Ask a workspace owner or admin for the role this needs.",
        request.path(),
        correlationIds.current(),
        null);
  }

  private Response unauthorized(HttpServerRequest request, ProblemException problem) {
    Response response =
        Problems.response(
            problem.status(),
            problem.code(),
            problem.title(),
            problem.detail(),
            problem.hint(),
            request.path(),
            correlationIds.current(),
            null);
    String challenge =
        problem.code().equals(ProblemCodes.TOKEN_REQUIRED)
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
    return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
  }

  private static boolean hasExpired(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
        return true;
      }
    }
    return false;
  }
}
