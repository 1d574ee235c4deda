package dev.roberto.auth.web;

import dev.roberto.auth.upstream.UpstreamAccounts;
import dev.roberto.auth.upstream.UpstreamConfig;
import dev.roberto.auth.upstream.UpstreamIdentity;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Sign-in through the upstream OpenID provider. {@code start} remembers where the person was going
 * and sends them to {@code /sign-in/upstream}, the one path of the quarkus-oidc tenant {@code
 * upstream}. quarkus-oidc runs the authorization code flow there, and then this resource starts a
 * web session for the local account.
 */
@Path("/sign-in/upstream")
@Produces(MediaType.TEXT_HTML)
public class UpstreamSignInResource {

  static final String NEXT_COOKIE = "roberto_upstream_next";
  private static final String DEFAULT_NEXT = "/device";

  @Inject UpstreamConfig upstream;
  @Inject UpstreamAccounts upstreamAccounts;
  @Inject WebSessions sessions;
  @Inject WebConfig config;
  @Inject @IdToken JsonWebToken idToken;
  @Inject OidcSession oidcSession;

  @GET
  @Path("start")
  public Response start(@RestQuery String next) {
    if (!upstream.enabled()) {
      return WebResponses.page(
          404,
          Pages.message(
              "Not available",
              "Sign-in through another provider is not configured here. Sign in with your email"
                  + " and password.",
              "/sign-in"));
    }
    return Response.seeOther(URI.create("/sign-in/upstream"))
        .cookie(
            nextCookie(
                URLEncoder.encode(
                    WebResponses.localPath(next, DEFAULT_NEXT), StandardCharsets.UTF_8),
                600))
        .build();
  }

  @GET
  @Authenticated
  public Uni<Response> signedInUpstream(@RestCookie(NEXT_COOKIE) String next) {
    String target =
        WebResponses.localPath(
            next == null ? null : URLDecoder.decode(next, StandardCharsets.UTF_8), DEFAULT_NEXT);
    UpstreamIdentity identity = identityOf(idToken);
    return upstreamAccounts
        .accountFor(identity)
        .chain(
            account ->
                sessions
                    .create(account.userId(), account.email(), account.displayName())
                    .invoke(
                        () ->
                            Log.infof(
                                "User %s signed in to the web app through %s",
                                account.userId(), identity.issuer()))
                    .map(
                        sessionId ->
                            Response.seeOther(URI.create(target))
                                .cookie(WebResponses.sessionCookie(sessionId, config))
                                .cookie(nextCookie("", 0))
                                .build()))
        .onFailure(ProblemException.class)
        .recoverWithItem(
            failure -> {
              ProblemException problem = (ProblemException) failure;
              Log.infof("Upstream sign-in rejected: %s", problem.code());
              return WebResponses.page(
                  problem.status(),
                  Pages.message(
                      problem.title(), problem.detail() + " " + problem.hint(), "/sign-in"));
            })
        // The upstream session cookie is not needed once the web session exists, and without it
        // the next upstream sign-in goes to the provider again.
        .call(ignored -> oidcSession.logout());
  }

  private static UpstreamIdentity identityOf(JsonWebToken token) {
    Object verified = token.getClaim("email_verified");
    boolean emailVerified =
        !(Boolean.FALSE.equals(verified) || "false".equals(String.valueOf(verified)));
    String name = token.getClaim("name");
    if (name == null) {
      name = token.getClaim("preferred_username");
    }
    return new UpstreamIdentity(
        token.getIssuer(), token.getSubject(), token.getClaim("email"), emailVerified, name);
  }

  /** Returns the cookie that keeps the URL-encoded local path to return to after the provider. */
  private NewCookie nextCookie(String value, int maxAge) {
    return new NewCookie.Builder(NEXT_COOKIE)
        .value(value)
        .path("/sign-in/upstream")
        .httpOnly(true)
        .secure(config.secureCookies())
        .sameSite(NewCookie.SameSite.LAX)
        .maxAge(maxAge)
        .build();
  }
}
