package dev.roberto.auth.web;

import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.account.WorkspaceMembership;
import dev.roberto.auth.billing.BillingAction;
import dev.roberto.auth.billing.BillingLinkFailure;
import dev.roberto.auth.billing.BillingLinks;
import dev.roberto.common.readmodel.WorkspaceBilling;
import dev.roberto.common.readmodel.WorkspaceBillingView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The billing settings page: the signed-in person's workspace as the newest {@code billing-synced}
 * snapshot describes it. Owners and admins get buttons that open Stripe Checkout and the customer
 * portal through billing-service.
 */
@Path("/settings/billing")
@Produces(MediaType.TEXT_HTML)
public class BillingSettingsResource {

  private static final String PAGE = "/settings/billing";
  private static final DateTimeFormatter SYNCED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Credit packs are whole cents with at most 9 digits; billing-service checks its own range. */
  private static final String CREDITS_AMOUNT = "[0-9]{1,9}";

  private final AccountService accounts;
  private final WorkspaceBillingView billingView;
  private final WebSessions sessions;
  private final CsrfTokens csrf;
  private final BillingLinks billingLinks;

  public BillingSettingsResource(
      AccountService accounts,
      WorkspaceBillingView billingView,
      WebSessions sessions,
      CsrfTokens csrf,
      BillingLinks billingLinks) {
    this.accounts = accounts;
    this.billingView = billingView;
    this.sessions = sessions;
    this.csrf = csrf;
    this.billingLinks = billingLinks;
  }

  @GET
  public Uni<Response> billingPage(
      @RestQuery String workspace,
      @RestCookie(WebResponses.SESSION_COOKIE) String sessionId,
      @RestCookie(CsrfTokens.COOKIE) String csrfCookie) {
    return sessions
        .find(sessionId)
        .chain(
            session -> {
              if (session.isEmpty()) {
                return Uni.createFrom().item(WebResponses.toSignIn(PAGE));
              }
              String token = csrf.tokenFor(csrfCookie);
              return Panache.withSession(() -> accounts.memberships(session.get().userId()))
                  .chain(
                      memberships ->
                          render(session.get(), memberships, workspace, token, null, null))
                  .map(page -> WebResponses.page(200, page, csrf.cookie(token)));
            });
  }

  @POST
  @Path("setup")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> setup(@RestForm String workspace, @BeanParam Form form) {
    return open(BillingAction.SETUP, workspace, null, form);
  }

  @POST
  @Path("checkout")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> checkout(@RestForm String workspace, @BeanParam Form form) {
    return open(BillingAction.CHECKOUT, workspace, null, form);
  }

  @POST
  @Path("credits-checkout")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> creditsCheckout(
      @RestForm String workspace, @RestForm String amount, @BeanParam Form form) {
    return open(BillingAction.CREDITS_CHECKOUT, workspace, amount == null ? "" : amount, form);
  }

  @POST
  @Path("portal")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> portal(@RestForm String workspace, @BeanParam Form form) {
    return open(BillingAction.PORTAL, workspace, null, form);
  }

  /** The fields and cookies every billing form sends. */
  public static class Form {
    @RestForm(CsrfTokens.FIELD)
    String csrfToken;

    @RestCookie(CsrfTokens.COOKIE)
    String csrfCookie;

    @RestCookie(WebResponses.SESSION_COOKIE)
    String sessionId;
  }

  /**
   * Opens the Stripe page of the action for an owner or admin of the workspace: a 303 redirect to
   * it, or the billing page with the reason it could not be opened.
   */
  private Uni<Response> open(
      BillingAction action, String workspaceId, String creditsAmount, Form form) {
    if (!csrf.accepts(form.csrfCookie, form.csrfToken)) {
      return Uni.createFrom().item(WebResponses.csrfRejected(PAGE));
    }
    return sessions
        .find(form.sessionId)
        .chain(
            session -> {
              if (session.isEmpty()) {
                return Uni.createFrom().item(WebResponses.toSignIn(PAGE));
              }
              return Panache.withSession(() -> accounts.memberships(session.get().userId()))
                  .chain(
                      memberships ->
                          openFor(
                              session.get(),
                              memberships,
                              action,
                              workspaceId,
                              creditsAmount,
                              form.csrfCookie));
            });
  }

  private Uni<Response> openFor(
      WebSession session,
      List<WorkspaceMembership> memberships,
      BillingAction action,
      String workspaceId,
      String creditsAmount,
      String csrfToken) {
    Optional<WorkspaceMembership> membership = find(memberships, workspaceId);
    if (membership.isEmpty()) {
      return Uni.createFrom()
          .item(
              WebResponses.page(
                  403,
                  Pages.message(
                      "Not a member",
                      "You are not a member of that workspace, so you cannot change its billing.",
                      PAGE)));
    }
    if (!membership.get().role().managesWorkspace()) {
      Pages.Notice notice =
          new Pages.Notice(
              "Not allowed",
              "Only owners and admins of "
                  + membership.get().workspaceName()
                  + " can change its"
                  + " billing.",
              "Ask an owner or admin of the workspace.");
      return showProblem(session, memberships, workspaceId, csrfToken, 403, notice, null);
    }
    if (creditsAmount != null && !creditsAmount.matches(CREDITS_AMOUNT)) {
      Pages.Notice notice =
          new Pages.Notice(
              "Invalid amount",
              "The amount must be a whole number of cents.",
              "Enter the credits to buy in cents, such as 2000 for 20.00.");
      return showProblem(session, memberships, workspaceId, csrfToken, 400, notice, creditsAmount);
    }
    long amount = creditsAmount == null ? 0 : Long.parseLong(creditsAmount);
    return billingLinks
        .open(action, session.userId(), membership.get().workspaceId(), amount)
        .map(url -> Response.seeOther(url).header("Cache-Control", "no-store").build())
        .onFailure(BillingLinkFailure.class)
        .recoverWithUni(
            failure -> {
              BillingLinkFailure problem = (BillingLinkFailure) failure;
              Pages.Notice notice =
                  new Pages.Notice(problem.title(), problem.detail(), problem.hint());
              return showProblem(
                  session,
                  memberships,
                  workspaceId,
                  csrfToken,
                  problem.status(),
                  notice,
                  creditsAmount);
            });
  }

  private Uni<Response> showProblem(
      WebSession session,
      List<WorkspaceMembership> memberships,
      String workspaceId,
      String csrfToken,
      int status,
      Pages.Notice notice,
      String creditsAmount) {
    return render(session, memberships, workspaceId, csrfToken, notice, creditsAmount)
        .map(page -> WebResponses.page(status, page));
  }

  private Uni<TemplateInstance> render(
      WebSession session,
      List<WorkspaceMembership> memberships,
      String requested,
      String token,
      Pages.Notice notice,
      String creditsAmount) {
    if (memberships.isEmpty()) {
      return Uni.createFrom()
          .item(
              Pages.message(
                  "No workspace",
                  "Your account is not a member of any workspace yet, so there is no billing to"
                      + " show.",
                  null));
    }
    WorkspaceMembership selected = find(memberships, requested).orElse(memberships.get(0));
    List<Pages.WorkspaceChoice> choices =
        memberships.stream()
            .map(
                m ->
                    new Pages.WorkspaceChoice(
                        m.workspaceId().toString(),
                        m.workspaceName(),
                        m.role().name().toLowerCase(Locale.ROOT)))
            .toList();
    String workspaceId = selected.workspaceId().toString();

    return billingView
        .find(workspaceId)
        .map(
            billing ->
                Pages.billing(
                    session.name(),
                    selected.workspaceName(),
                    choices,
                    workspaceId,
                    billing != null,
                    billing == null ? List.of() : lines(billing),
                    selected.role().managesWorkspace(),
                    creditsAmount,
                    notice,
                    token));
  }

  private static Optional<WorkspaceMembership> find(
      List<WorkspaceMembership> memberships, String workspaceId) {
    return memberships.stream()
        .filter(m -> m.workspaceId().toString().equals(workspaceId))
        .findFirst();
  }

  private static List<Pages.BillingLine> lines(WorkspaceBilling billing) {
    List<Pages.BillingLine> lines = new ArrayList<>();
    lines.add(new Pages.BillingLine("Plan", orNone(billing.plan)));
    lines.add(new Pages.BillingLine("Subscription", orNone(billing.subscriptionStatus)));
    lines.add(
        new Pages.BillingLine(
            "Credit balance",
            BigDecimal.valueOf(billing.creditBalanceMicros, 6)
                .setScale(2, RoundingMode.DOWN)
                .toPlainString()));
    lines.add(new Pages.BillingLine("Provision agents", allowed(billing.mayProvision)));
    lines.add(new Pages.BillingLine("Start agents", allowed(billing.mayStart)));
    lines.add(new Pages.BillingLine("LLM gateway", allowed(billing.mayUseGateway)));
    lines.add(new Pages.BillingLine("Usage webhooks", allowed(billing.maySendWebhooks)));
    lines.add(new Pages.BillingLine("Last update", SYNCED_AT.format(billing.syncedAt)));
    return lines;
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? "none" : value;
  }

  private static String allowed(boolean allowed) {
    return allowed ? "allowed" : "not allowed";
  }
}
