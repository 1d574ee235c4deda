package dev.roberto.auth.web;

import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.account.WorkspaceMembership;
import dev.roberto.auth.device.DeviceApprovals;
import dev.roberto.auth.device.DeviceApprovals.DecisionStatus;
import dev.roberto.auth.device.DeviceAuthorization;
import dev.roberto.auth.device.DeviceLoginService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The pages where a person approves a device login: enter the user code, confirm the client,
 * control plane and workspace, then Approve or Deny.
 */
@Path(DeviceLoginService.VERIFICATION_PATH)
@Produces(MediaType.TEXT_HTML)
public class DeviceApprovalResource {

  private static final DateTimeFormatter REQUESTED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final DeviceApprovals approvals;
  private final AccountService accounts;
  private final WebSessions sessions;
  private final CsrfTokens csrf;
  private final DeviceLoginService deviceLogin;

  public DeviceApprovalResource(
      DeviceApprovals approvals,
      AccountService accounts,
      WebSessions sessions,
      CsrfTokens csrf,
      DeviceLoginService deviceLogin) {
    this.approvals = approvals;
    this.accounts = accounts;
    this.sessions = sessions;
    this.csrf = csrf;
    this.deviceLogin = deviceLogin;
  }

  @GET
  public Uni<Response> enterCodePage(
      @RestQuery("user_code") String userCode,
      @RestCookie(WebResponses.SESSION_COOKIE) String sessionId,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie) {
    String here =
        DeviceLoginService.VERIFICATION_PATH
            + (userCode == null
                ? ""
                : "?user_code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8));
    return signedIn(
        sessionId,
        here,
        session -> {
          String token = csrf.tokenFor(csrfCookie);
          String prefill = userCode == null ? null : userCode.strip();
          return Uni.createFrom()
              .item(
                  WebResponses.page(
                      200,
                      Pages.enterCode(session.name(), prefill, null, token),
                      csrf.cookie(token)));
        });
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> enterCode(
      @RestForm("user_code") String userCode,
      @RestForm(CsrfTokens.FIELD) String csrfToken,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie,
      @RestCookie(WebResponses.SESSION_COOKIE) String sessionId,
      HttpServerRequest request) {
    if (!csrf.accepts(csrfCookie, csrfToken)) {
      return Uni.createFrom().item(WebResponses.csrfRejected(DeviceLoginService.VERIFICATION_PATH));
    }
    String address = clientAddress(request);
    return signedIn(
        sessionId,
        DeviceLoginService.VERIFICATION_PATH,
        session ->
            approvals
                .enter(userCode, session.key(), address)
                .chain(entry -> answerEntry(entry, session, csrfCookie)));
  }

  @POST
  @Path("decision")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> decide(
      @RestForm String authorization,
      @RestForm String workspace,
      @RestForm String decision,
      @RestForm(CsrfTokens.FIELD) String csrfToken,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie,
      @RestCookie(WebResponses.SESSION_COOKIE) String sessionId) {
    if (!csrf.accepts(csrfCookie, csrfToken)) {
      return Uni.createFrom().item(WebResponses.csrfRejected(DeviceLoginService.VERIFICATION_PATH));
    }
    Optional<UUID> authorizationId = parseUuid(authorization);
    boolean approve = "approve".equals(decision);
    if (authorizationId.isEmpty() || !(approve || "deny".equals(decision))) {
      return Uni.createFrom()
          .item(
              WebResponses.page(
                  400,
                  Pages.message(
                      "Incomplete form",
                      "The form did not say which login to decide, or whether to approve or deny.",
                      DeviceLoginService.VERIFICATION_PATH)));
    }
    return signedIn(
        sessionId,
        DeviceLoginService.VERIFICATION_PATH,
        session ->
            memberships(session)
                .chain(
                    workspaces -> {
                      Optional<WorkspaceMembership> chosen =
                          parseUuid(workspace)
                              .flatMap(
                                  id ->
                                      workspaces.stream()
                                          .filter(m -> m.workspaceId().equals(id))
                                          .findFirst());
                      if (approve && chosen.isEmpty()) {
                        return Uni.createFrom()
                            .item(
                                WebResponses.page(
                                    400,
                                    Pages.message(
                                        "Choose a workspace",
                                        "You are not a member of the workspace that the form"
                                            + " named. Enter the code again and pick one of yours.",
                                        DeviceLoginService.VERIFICATION_PATH)));
                      }
                      return record(authorizationId.get(), approve, session, chosen);
                    }));
  }

  private Uni<Response> record(
      UUID authorizationId,
      boolean approve,
      WebSession session,
      Optional<WorkspaceMembership> workspace) {
    UUID workspaceId = workspace.map(WorkspaceMembership::workspaceId).orElse(null);
    return approvals
        .decide(
            authorizationId,
            approve,
            new DeviceApprovals.WebDecider(session.userId(), session.key()),
            workspaceId)
        .chain(
            status ->
                approvals
                    .find(authorizationId)
                    .map(
                        found -> {
                          String clientName =
                              found.map(a -> a.client().displayName()).orElse("The device");
                          return answerDecision(status, clientName, workspace);
                        }));
  }

  private Response answerDecision(
      DecisionStatus status, String clientName, Optional<WorkspaceMembership> workspace) {
    return switch (status) {
      case APPROVED ->
          WebResponses.page(
              200,
              Pages.done(clientName, workspace.map(WorkspaceMembership::workspaceName).orElse("")));
      case DENIED -> WebResponses.page(200, Pages.denied(clientName));
      case EXPIRED -> WebResponses.page(410, Pages.expired());
      case ALREADY_DECIDED -> alreadyDecided();
      case UNKNOWN ->
          WebResponses.page(
              404,
              Pages.message(
                  "Login not found",
                  "No device login matches this form. Start the login on your device again.",
                  DeviceLoginService.VERIFICATION_PATH));
    };
  }

  private Uni<Response> answerEntry(
      DeviceApprovals.Entry entry, WebSession session, String csrfToken) {
    return switch (entry.status()) {
      case FOUND -> confirmPage(entry.authorization(), session, csrfToken);
      case EXPIRED -> Uni.createFrom().item(WebResponses.page(410, Pages.expired()));
      case ALREADY_DECIDED -> Uni.createFrom().item(alreadyDecided());
      case BLOCKED ->
          Uni.createFrom()
              .item(
                  WebResponses.page(
                      429,
                      Pages.message(
                          "Too many wrong codes",
                          "Too many wrong codes were entered from this browser or network. Wait "
                              + approvals.retryAfterMinutes()
                              + " minutes, then enter the code exactly as your device shows it.",
                          null)));
      case MALFORMED ->
          Uni.createFrom()
              .item(
                  WebResponses.page(
                      400,
                      Pages.enterCode(
                          session.name(),
                          null,
                          "A code has 8 letters, like BCDF-GHJK. Check it and try again.",
                          csrfToken)));
      case WRONG ->
          Uni.createFrom()
              .item(
                  WebResponses.page(
                      400,
                      Pages.enterCode(
                          session.name(),
                          null,
                          "That code is not valid. Check the code your device shows and try"
                              + " again.",
                          csrfToken)));
    };
  }

  private Uni<Response> confirmPage(
      DeviceAuthorization authorization, WebSession session, String csrfToken) {
    return memberships(session)
        .map(
            workspaces -> {
              if (workspaces.isEmpty()) {
                return WebResponses.page(
                    403,
                    Pages.message(
                        "No workspace",
                        "Your account is not a member of any workspace, so there is nothing to"
                            + " sign in to. Ask a workspace owner to add you.",
                        null));
              }
              List<Pages.WorkspaceChoice> choices =
                  workspaces.stream()
                      .map(
                          m ->
                              new Pages.WorkspaceChoice(
                                  m.workspaceId().toString(),
                                  m.workspaceName(),
                                  m.role().name().toLowerCase(java.util.Locale.ROOT)))
                      .toList();
              return WebResponses.page(
                  200,
                  Pages.confirm(
                      session.name(),
                      authorization.id().toString(),
                      authorization.client().displayName(),
                      deviceLogin.controlPlaneUrl(),
                      REQUESTED_AT.format(authorization.createdAt()),
                      choices,
                      csrfToken));
            });
  }

  private static Response alreadyDecided() {
    return WebResponses.page(
        409,
        Pages.message(
            "Code already used",
            "This login was already approved or denied. Start the login on your device again if"
                + " you need a new one.",
            DeviceLoginService.VERIFICATION_PATH));
  }

  private Uni<List<WorkspaceMembership>> memberships(WebSession session) {
    return Panache.withSession(() -> accounts.memberships(session.userId()));
  }

  private Uni<Response> signedIn(
      String sessionId, String returnPath, Function<WebSession, Uni<Response>> action) {
    return sessions
        .find(sessionId)
        .chain(
            session ->
                session.isPresent()
                    ? action.apply(session.get())
                    : Uni.createFrom().item(WebResponses.toSignIn(returnPath)));
  }

  private static String clientAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }

  private static Optional<UUID> parseUuid(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(UUID.fromString(value.trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
