package dev.roberto.auth.billing;

import dev.roberto.auth.token.TokenIssuer;
import dev.roberto.common.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Opens Stripe pages for the billing page. It requests a Checkout or portal session from
 * billing-service on the signed-in person's behalf and returns the page's URL.
 *
 * <p>Each request carries an access token issued for this one call, for the person and workspace,
 * with no refresh token, so a click stores nothing in auth-service.
 */
@ApplicationScoped
public class BillingLinks {

  /** Lifetime of the access token that one request to billing-service carries. */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(1);

  /** The {@code client} claim of those tokens. */
  static final String CLIENT = "web";

  static final String CUSTOMER_MISSING = "stripe_customer_missing";

  private final TokenIssuer tokens;
  private final BillingServiceClient billing;

  public BillingLinks(TokenIssuer tokens, @RestClient BillingServiceClient billing) {
    this.tokens = tokens;
    this.billing = billing;
  }

  /**
   * Returns the URL of the Stripe page of the action. {@code creditsAmount} is the credit pack in
   * cents, used only by {@link BillingAction#CREDITS_CHECKOUT}.
   *
   * @throws BillingLinkFailure as a failed Uni, with the words the billing page shows
   */
  public Uni<URI> open(BillingAction action, UUID userId, UUID workspaceId, long creditsAmount) {
    return tokens
        .issueAccessToken(userId, workspaceId, CLIENT, TOKEN_LIFETIME)
        .chain(token -> request(action, "Bearer " + token, creditsAmount))
        .map(link -> pageUrl(link, action, workspaceId))
        .onFailure(failure -> !(failure instanceof BillingLinkFailure))
        .transform(failure -> explain(failure, action, workspaceId));
  }

  private Uni<BillingServiceClient.Link> request(
      BillingAction action, String authorization, long creditsAmount) {
    return switch (action) {
      case SETUP -> billing.setup(authorization);
      case CHECKOUT -> billing.checkout(authorization);
      case CREDITS_CHECKOUT ->
          billing.creditsCheckout(
              authorization, new BillingServiceClient.CreditsRequest(creditsAmount));
      case PORTAL -> billing.portal(authorization);
    };
  }

  /** Returns the page's URL when it is an absolute http or https URL, the only kind to open. */
  private static URI pageUrl(
      BillingServiceClient.Link link, BillingAction action, UUID workspaceId) {
    URI url = null;
    try {
      url = link == null || link.url() == null ? null : URI.create(link.url());
    } catch (IllegalArgumentException e) {
      // Handled below like a missing URL.
    }
    boolean web =
        url != null
            && url.getHost() != null
            && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()));
    if (!web) {
      Log.warnf(
          "billing-service returned no usable URL for %s of workspace %s",
          action.path(), workspaceId);
      throw new BillingLinkFailure(
          502,
          "Billing failed",
          "Billing returned no page to open.",
          "Try again later; if it keeps failing, tell the operator of this control plane.");
    }
    return url;
  }

  private static BillingLinkFailure explain(
      Throwable failure, BillingAction action, UUID workspaceId) {
    if (failure instanceof BillingServiceProblem problem) {
      return fromBillingService(problem, action, workspaceId);
    }
    if (failure instanceof ProblemException problem) {
      Log.infof(
          "No billing page for %s of workspace %s: %s", action.path(), workspaceId, problem.code());
      return new BillingLinkFailure(
          problem.status(), problem.title(), problem.detail(), problem.hint());
    }
    Log.warnf(
        "billing-service could not be reached for %s of workspace %s: %s",
        action.path(), workspaceId, failure.toString());
    return new BillingLinkFailure(
        503,
        "Billing unavailable",
        "Billing cannot be reached right now, so no Stripe page was opened.",
        "Try again in a minute; if it keeps failing, tell the operator of this control plane.");
  }

  private static BillingLinkFailure fromBillingService(
      BillingServiceProblem problem, BillingAction action, UUID workspaceId) {
    int status = problem.status();
    if (status == 401 || status == 403) {
      Log.warnf(
          "billing-service rejected the web app's token for %s of workspace %s: HTTP %d, %s",
          action.path(), workspaceId, status, problem.code());
      return new BillingLinkFailure(
          502,
          "Billing failed",
          "Billing did not accept this request on your behalf.",
          "Reload the page and retry; if it keeps failing, tell the operator of this control"
              + " plane that billing-service rejects auth-service's tokens.");
    }
    if (status >= 500) {
      Log.warnf(
          "billing-service failed %s of workspace %s: HTTP %d, %s",
          action.path(), workspaceId, status, problem.code());
    } else {
      Log.infof(
          "billing-service rejected %s of workspace %s: HTTP %d, %s",
          action.path(), workspaceId, status, problem.code());
    }
    String hint =
        CUSTOMER_MISSING.equals(problem.code())
            ? "Add a payment method first with the \"Add a payment method\" button."
            : orElse(problem.hint(), "Try again later.");
    return new BillingLinkFailure(
        pageStatus(status),
        orElse(problem.title(), "Billing failed"),
        orElse(problem.detail(), "Billing answered with HTTP status " + status + "."),
        hint);
  }

  /**
   * Returns the status of the page that shows billing-service's problem: the person's own mistakes
   * and a missing Stripe setup keep their status, and anything else is a bad gateway.
   */
  private static int pageStatus(int billingStatus) {
    return switch (billingStatus) {
      case 400, 409, 422, 503 -> billingStatus;
      default -> 502;
    };
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
