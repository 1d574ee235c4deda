package dev.roberto.auth.web;

import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.account.PasswordFailureLimit;
import dev.roberto.auth.upstream.UpstreamConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Sign-in with email and password, and sign-out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

  private static final String DEFAULT_NEXT = "/device";

  private final AccountService accounts;
  private final WebSessions sessions;
  private final CsrfTokens csrf;
  private final WebConfig config;
  private final UpstreamConfig upstream;
  private final PasswordFailureLimit failureLimit;

  public SignInResource(
      AccountService accounts,
      WebSessions sessions,
      CsrfTokens csrf,
      WebConfig config,
      UpstreamConfig upstream,
      PasswordFailureLimit failureLimit) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.csrf = csrf;
    this.config = config;
    this.upstream = upstream;
    this.failureLimit = failureLimit;
  }

  /** Returns the upstream provider's name for the sign-in button, or null without a provider. */
  private String upstreamName() {
    return upstream.enabled() ? upstream.name() : null;
  }

  @GET
  public Response home() {
    return WebResponses.redirect(DEFAULT_NEXT);
  }

  @GET
  @Path("sign-in")
  public Uni<Response> signInPage(
      @RestQuery String next,
      @RestCookie(WebResponses.SESSION_COOKIE) String sessionId,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie) {
    String target = WebResponses.localPath(next, DEFAULT_NEXT);
    return sessions
        .find(sessionId)
        .map(
            session -> {
              if (session.isPresent()) {
                return WebResponses.redirect(target);
              }
              String token = csrf.tokenFor(csrfCookie);
              return WebResponses.page(
                  200, Pages.signIn(target, null, null, token, upstreamName()), csrf.cookie(token));
            });
  }

  @POST
  @Path("sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> signIn(
      @RestForm String email,
      @RestForm String password,
      @RestForm String next,
      @RestForm(CsrfTokens.FIELD) String csrfToken,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie,
      HttpServerRequest request) {
    String target = WebResponses.localPath(next, DEFAULT_NEXT);
    if (!csrf.accepts(csrfCookie, csrfToken)) {
      return Uni.createFrom().item(WebResponses.csrfRejected("/sign-in"));
    }
    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
      return Uni.createFrom()
          .item(
              WebResponses.page(
                  400,
                  Pages.signIn(
                      target,
                      email,
                      "Enter your email and password.",
                      csrfCookie,
                      upstreamName())));
    }

    String address = clientAddress(request);
    return failureLimit
        .tryAttempt(email, address)
        .chain(
            blockedFor -> {
              if (blockedFor != null) {
                Log.infof("Sign-in rejected from %s: too many failed sign-ins", address);
                return Uni.createFrom()
                    .item(tooManyFailures(target, email, csrfCookie, blockedFor));
              }
              return checkPassword(email, password, address, target, csrfCookie);
            });
  }

  private Uni<Response> checkPassword(
      String email, String password, String address, String target, String csrfCookie) {
    return Panache.withSession(() -> accounts.authenticate(email.trim(), password))
        .chain(
            account -> {
              if (account.isEmpty()) {
                Log.debug("Sign-in rejected: wrong email or password");
                return Uni.createFrom()
                    .item(
                        WebResponses.page(
                            401,
                            Pages.signIn(
                                target,
                                email,
                                "The email or password is wrong.",
                                csrfCookie,
                                upstreamName())));
              }
              var view = account.get();
              return failureLimit
                  .refund(email, address)
                  .chain(() -> sessions.create(view.userId(), view.email(), view.displayName()))
                  .invoke(() -> Log.infof("User %s signed in to the web app", view.userId()))
                  .map(
                      sessionId ->
                          Response.seeOther(URI.create(target))
                              .cookie(WebResponses.sessionCookie(sessionId, config))
                              .build());
            });
  }

  /** Returns 429 with the sign-in form, a message and {@code Retry-After} in whole seconds. */
  private Response tooManyFailures(
      String target, String email, String csrfCookie, Duration blockedFor) {
    long minutes = Math.max(1, (blockedFor.toSeconds() + 59) / 60);
    String error =
        "Too many failed sign-ins for this account or from this network. Wait "
            + minutes
            + (minutes == 1 ? " minute" : " minutes")
            + ", then try again. If you forgot your password, ask an owner or admin of your"
            + " workspace.";
    return Response.fromResponse(
            WebResponses.page(429, Pages.signIn(target, email, error, csrfCookie, upstreamName())))
        .header("Retry-After", Long.toString(blockedFor.toSeconds()))
        .build();
  }

  private static String clientAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }

  @POST
  @Path("sign-out")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> signOut(
      @RestForm(CsrfTokens.FIELD) String csrfToken,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie,
      @RestCookie(WebResponses.SESSION_COOKIE) String sessionId) {
    if (!csrf.accepts(csrfCookie, csrfToken)) {
      return Uni.createFrom().item(WebResponses.csrfRejected("/device"));
    }
    return sessions
        .delete(sessionId)
        .map(
            ignored ->
                Response.seeOther(URI.create("/sign-in"))
                    .cookie(WebResponses.expiredSessionCookie(config))
                    .build());
  }
}
