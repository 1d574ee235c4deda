package dev.roberto.auth.token;

import dev.roberto.common.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 token endpoint (RFC 6749 section 3.2): form-encoded requests, JSON responses with
 * {@code Cache-Control: no-store}, and RFC 6749 error bodies instead of problem+json.
 */
@Path("/oauth2/token")
public class TokenEndpoint {

  private final GrantHandlers grantHandlers;

  public TokenEndpoint(GrantHandlers grantHandlers) {
    this.grantHandlers = grantHandlers;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> token(
      MultivaluedMap<String, String> form,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    String grantType = form.getFirst("grant_type");
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    Uni<IssuedTokens> exchange;
    try {
      MultivaluedMap<String, String> request = withBasicCredentials(form, authorization);
      exchange =
          grantType == null || grantType.isBlank()
              ? Uni.createFrom().failure(OAuthErrors.invalidRequest("grant_type is missing."))
              : grantHandlers
                  .forType(grantType)
                  .map(handler -> handler.exchange(request))
                  .orElseGet(
                      () -> Uni.createFrom().failure(OAuthErrors.unsupportedGrantType(grantType)));
    } catch (ProblemException e) {
      exchange = Uni.createFrom().failure(e);
    }
    return exchange
        .map(TokenEndpoint::success)
        .onFailure(ProblemException.class)
        .recoverWithItem(failure -> error((ProblemException) failure, grantType, basic));
  }

  private static Response success(IssuedTokens tokens) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", tokens.accessToken());
    body.put("token_type", "Bearer");
    body.put("expires_in", tokens.expiresIn());
    if (tokens.refreshToken() != null) {
      body.put("refresh_token", tokens.refreshToken());
    }
    return noStore(Response.ok(body, MediaType.APPLICATION_JSON_TYPE)).build();
  }

  private static Response error(ProblemException problem, String grantType, boolean basic) {
    Log.debugf("Token request for grant %s failed: %s", grantType, problem.code());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", problem.code());
    body.put("error_description", problem.detail());
    problem.extensions().forEach(body::putIfAbsent);
    Response.ResponseBuilder response =
        noStore(
            Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body));
    if (problem.status() == 401 && basic) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"roberto\"");
    }
    return response.build();
  }

  private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
    return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
  }

  /**
   * Returns the form with {@code client_id} and {@code client_secret} taken from an HTTP Basic
   * header (RFC 6749 section 2.3.1: both form-url-encoded, then base64).
   */
  private static MultivaluedMap<String, String> withBasicCredentials(
      MultivaluedMap<String, String> form, String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return form;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthErrors.invalidClient("The Basic Authorization header is not valid base64.");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw OAuthErrors.invalidClient("The Basic Authorization header has no client secret.");
    }
    MultivaluedMap<String, String> merged = new MultivaluedHashMap<>(form);
    merged.putSingle(
        "client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
    merged.putSingle(
        "client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
    return merged;
  }
}
