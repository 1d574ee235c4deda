package dev.roberto.auth.web;

import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.account.WorkspaceMembership;
import dev.roberto.common.readmodel.WorkspaceBilling;
import dev.roberto.common.readmodel.WorkspaceBillingView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The billing settings page: the signed-in person's workspace as the newest {@code billing-synced}
 * snapshot describes it, with checkout and portal links once a billing URL is configured.
 */
@Path("/settings/billing")
@Produces(MediaType.TEXT_HTML)
public class BillingSettingsResource {

  private static final DateTimeFormatter SYNCED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final AccountService accounts;
  private final WorkspaceBillingView billingView;
  private final WebSessions sessions;
  private final CsrfTokens csrf;
  private final WebConfig config;

  public BillingSettingsResource(
      AccountService accounts,
      WorkspaceBillingView billingView,
      WebSessions sessions,
      CsrfTokens csrf,
      WebConfig config) {
    this.accounts = accounts;
    this.billingView = billingView;
    this.sessions = sessions;
    this.csrf = csrf;
    this.config = config;
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
                return Uni.createFrom().item(WebResponses.toSignIn("/settings/billing"));
              }
              String token = csrf.tokenFor(csrfCookie);
              return Panache.withSession(() -> accounts.memberships(session.get().userId()))
                  .chain(memberships -> render(session.get(), memberships, workspace, token))
                  .map(page -> WebResponses.page(200, page, csrf.cookie(token)));
            });
  }

  private Uni<io.quarkus.qute.TemplateInstance> render(
      WebSession session, List<WorkspaceMembership> memberships, String requested, String token) {
    if (memberships.isEmpty()) {
      return Uni.createFrom()
          .item(
              Pages.message(
                  "No workspace",
                  "Your account is not a member of any workspace yet, so there is no billing to"
                      + " show.",
                  null));
    }
    WorkspaceMembership selected =
        memberships.stream()
            .filter(m -> m.workspaceId().toString().equals(requested))
            .findFirst()
            .orElse(memberships.get(0));
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
                    link("checkout", workspaceId),
                    link("portal", workspaceId),
                    token));
  }

  private String link(String action, String workspaceId) {
    return config
        .billingUrl()
        .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
        .map(
            url ->
                url
                    + "/"
                    + action
                    + "?workspace="
                    + URLEncoder.encode(workspaceId, StandardCharsets.UTF_8))
        .orElse(null);
  }

  private static List<Pages.BillingLine> lines(WorkspaceBilling billing) {
    List<Pages.BillingLine> lines = new ArrayList<>();
    lines.add(new Pages.BillingLine("Plan", orNone(billing.plan)));
    lines.add(new Pages.BillingLine("Subscription", orNone(billing.subscriptionStatus)));
    lines.add(
        new Pages.BillingLine(
            "Credit balance",
            BigDecimal.valueOf(billing.creditBalanceMicros, 6)
                .setScale(2, java.math.RoundingMode.DOWN)
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
