package dev.roberto.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roberto.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The signed-in session of the roberto CLI and MCP server: whoami, refresh and logout in JSON. */
@Path("/api/auth")
public class SessionResource {

  private final BearerAuthenticator bearer;
  private final RefreshTokens refreshTokens;

  public SessionResource(BearerAuthenticator bearer, RefreshTokens refreshTokens) {
    this.bearer = bearer;
    this.refreshTokens = refreshTokens;
  }

  @GET
  @Path("/whoami")
  public Uni<WhoAmI> whoami(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer.authenticate(authorization).map(WhoAmI::of);
  }

  /** Exchanges a refresh token for a new pair; a rejected token is a 401 {@code invalid_grant}. */
  @POST
  @Path("/refresh")
  public Uni<TokenPair> refresh(RefreshRequest request) {
    String token = request == null ? null : request.refreshToken();
    if (token == null || token.isBlank()) {
      return Uni.createFrom().failure(missingRefreshToken());
    }
    return refreshTokens
        .refresh(token)
        .map(TokenPair::of)
        .onFailure(ProblemException.class)
        .transform(failure -> asUnauthorized((ProblemException) failure));
  }

  /**
   * Revokes the session: the refresh family named by the bearer token's {@code sid} claim, or the
   * family of the refresh token in the body. Returns 204 also when the family was revoked before.
   */
  @POST
  @Path("/logout")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> logout(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RefreshRequest request) {
    String token = request == null ? null : request.refreshToken();
    if (token != null && !token.isBlank()) {
      return refreshTokens
          .revokeFamilyOf(token)
          .map(
              found -> {
                if (!found) {
                  throw asUnauthorized(OAuthErrors.invalidGrant("The refresh token is unknown."));
                }
                return Response.noContent().build();
              });
    }
    return logoutWithBearer(authorization);
  }

  /** Logout with only a bearer token, and no body or a body of another type. */
  @POST
  @Path("/logout")
  public Uni<Response> logoutWithBearer(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return bearer
        .authenticate(authorization)
        .chain(
            caller ->
                caller.sessionId() == null
                    ? Uni.createFrom().voidItem()
                    : refreshTokens.revokeFamily(caller.sessionId(), "logout"))
        .map(ignored -> Response.noContent().build());
  }

  private static ProblemException missingRefreshToken() {
    return new ProblemException(
        400,
        "invalid_request",
        "Refresh token missing",
        "The body needs a refreshToken member.",
        "Send {\"refreshToken\": \"...\"} with Content-Type: application/json.");
  }

  private static ProblemException asUnauthorized(ProblemException problem) {
    if (!"invalid_grant".equals(problem.code())) {
      return problem;
    }
    return new ProblemException(
        401, problem.code(), problem.title(), problem.detail(), "Run `roberto auth login`.");
  }

  /** The body of refresh and logout. */
  public record RefreshRequest(String refreshToken) {

    @Override
    public String toString() {
      return "RefreshRequest[]";
    }
  }

  /** Tokens in the camelCase JSON of the roberto CLI. */
  public record TokenPair(
      String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static TokenPair of(IssuedTokens tokens) {
      return new TokenPair(
          tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn());
    }

    @Override
    public String toString() {
      return "TokenPair[expiresIn=" + expiresIn + "]";
    }
  }

  /** The identity that the bearer token carries. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WhoAmI(
      String subject,
      UUID userId,
      String email,
      UUID workspaceId,
      List<String> roles,
      String client,
      String runtimeId,
      Instant expiresAt) {

    static WhoAmI of(Caller caller) {
      return new WhoAmI(
          caller.subject(),
          caller.userId(),
          caller.email(),
          caller.workspaceId(),
          caller.roles(),
          caller.client(),
          caller.runtimeId(),
          caller.expiresAt());
    }
  }
}
