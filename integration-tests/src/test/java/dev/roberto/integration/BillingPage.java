package dev.roberto.integration;

import dev.roberto.testsupport.auth.WebBrowser;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** auth-service's billing settings page of one workspace, in a browser that keeps its cookies. */
final class BillingPage {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  private final WebBrowser browser;
  private final String workspaceId;

  private BillingPage(WebBrowser browser, String workspaceId) {
    this.browser = browser;
    this.workspaceId = workspaceId;
  }

  /** Signs in and returns the billing page of the workspace. */
  static BillingPage signIn(String authUrl, String email, String password, String workspaceId) {
    return new BillingPage(WebBrowser.signIn(authUrl, email, password), workspaceId);
  }

  /** Opens the page and returns its HTML. */
  String open() {
    Response page = browser.get("/settings/billing?workspace=" + workspaceId);
    if (page.statusCode() != 200) {
      throw new IllegalStateException("The billing page returned status " + page.statusCode());
    }
    return page.asString();
  }

  /**
   * Opens the page and submits the form of the action ({@code checkout}, {@code portal}, {@code
   * setup} or {@code credits-checkout}) with the extra fields, as a browser would post it.
   */
  Response click(String action, Map<String, String> fields) {
    String page = open();
    Map<String, String> form = new HashMap<>(fields);
    form.put("csrf-token", csrfTokenOf(page));
    form.put("workspace", workspaceId);
    return browser.post("/settings/billing/" + action, form);
  }

  Response click(String action) {
    return click(action, Map.of());
  }

  private static String csrfTokenOf(String html) {
    Matcher matcher = CSRF.matcher(html);
    if (!matcher.find()) {
      throw new IllegalStateException("The billing page has no CSRF token");
    }
    return matcher.group(1);
  }
}
