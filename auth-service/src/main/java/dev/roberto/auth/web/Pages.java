package dev.roberto.auth.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The web app's Qute templates, in {@code templates/Pages/}, checked at build time. */
@CheckedTemplate(basePath = "Pages")
public final class Pages {

  private Pages() {}

  /** A workspace the person may pick on the approval page. */
  public record WorkspaceChoice(String id, String name, String role) {}

  /** One row of the billing page. */
  public record BillingLine(String label, String value) {}

  /** A problem shown at the top of a page: what failed, why, and what to do next. */
  public record Notice(String title, String detail, String hint) {}

  /** The sign-in form; {@code upstreamName} names the upstream provider, or is null without one. */
  public static native TemplateInstance signIn(
      String next, String email, String error, String csrfToken, String upstreamName);

  public static native TemplateInstance enterCode(
      String personName, String userCode, String error, String csrfToken);

  public static native TemplateInstance confirm(
      String personName,
      String authorizationId,
      String clientName,
      String controlPlaneUrl,
      String requestedAt,
      List<WorkspaceChoice> workspaces,
      String csrfToken);

  public static native TemplateInstance done(String clientName, String workspaceName);

  public static native TemplateInstance denied(String clientName);

  public static native TemplateInstance expired();

  public static native TemplateInstance message(String title, String text, String linkHref);

  public static native TemplateInstance billing(
      String personName,
      String workspaceName,
      List<WorkspaceChoice> workspaces,
      String selectedWorkspaceId,
      boolean synced,
      List<BillingLine> lines,
      boolean managesBilling,
      String creditsAmount,
      Notice notice,
      String csrfToken);
}
