package dev.roberto.testsupport.auth;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auth-service web app driven over HTTP with rest-assured, keeping cookies like a browser: sign
 * in, enter a user code, approve or deny. Each form is read from the page first, so every POST
 * carries the CSRF token the page gave.
 */
public final class WebBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
  private static final Pattern AUTHORIZATION =
      Pattern.compile("name=\"authorization\" value=\"([^\"]+)\"");
  private static final Pattern WORKSPACE =
      Pattern.compile("(?:name=\"workspace\" value=|<option value=)\"([^\"]+)\"");

  private final String baseUri;
  private final Map<String, String> cookies = new HashMap<>();

  public WebBrowser(String baseUri) {
    this.baseUri = baseUri;
  }

  /** Opens the sign-in page and signs in; fails unless the service accepts the password. */
  public static WebBrowser signIn(String baseUri, String email, String password) {
    WebBrowser browser = new WebBrowser(baseUri);
    Response signedIn = browser.submitSignIn(email, password);
    if (signedIn.statusCode() != 303) {
      throw new IllegalStateException("Sign-in failed with status " + signedIn.statusCode());
    }
    return browser;
  }

  /** Opens the sign-in page, posts the form and returns the response without following it. */
  public Response submitSignIn(String email, String password) {
    String page = get("/sign-in").asString();
    return post(
        "/sign-in",
        Map.of(
            "email",
            email,
            "password",
            password,
            "csrf-token",
            csrfTokenOf(page),
            "next",
            "/device"));
  }

  /** Opens a page of the web app and returns it, keeping the cookies it sets. */
  public Response get(String path) {
    Response response = request().get(path);
    remember(response);
    return response;
  }

  /** Posts a form and returns the response without following a redirect. */
  public Response post(String path, Map<String, String> form) {
    Response response = request().formParams(form).post(path);
    remember(response);
    return response;
  }

  /** Enters the user code on the code page and returns the confirm page it leads to. */
  public ConfirmPage enterCode(String typedCode) {
    Response response = submitCode(typedCode);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Entering the code returned status " + response.statusCode());
    }
    return ConfirmPage.of(response.asString());
  }

  /** Posts a user code from the code page and returns the raw response. */
  public Response submitCode(String typedCode) {
    String page = get("/device").asString();
    return post("/device", Map.of("user_code", typedCode, "csrf-token", csrfTokenOf(page)));
  }

  /** Clicks Approve for the workspace and returns the result page. */
  public Response approve(ConfirmPage page, String workspaceId) {
    return decide(page, "approve", workspaceId);
  }

  /** Clicks Deny and returns the result page. */
  public Response deny(ConfirmPage page) {
    return decide(page, "deny", page.firstWorkspaceId());
  }

  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  private Response decide(ConfirmPage page, String decision, String workspaceId) {
    Response response =
        post(
            "/device/decision",
            Map.of(
                "authorization",
                page.authorizationId(),
                "workspace",
                workspaceId,
                "decision",
                decision,
                "csrf-token",
                page.csrfToken()));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "The " + decision + " click returned status " + response.statusCode());
    }
    return response;
  }

  private RequestSpecification request() {
    return given().baseUri(baseUri).redirects().follow(false).cookies(cookies);
  }

  private void remember(Response response) {
    response
        .getDetailedCookies()
        .asList()
        .forEach(
            cookie -> {
              if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
              } else {
                cookies.put(cookie.getName(), cookie.getValue());
              }
            });
  }

  static String csrfTokenOf(String html) {
    return find(CSRF, html, "CSRF token");
  }

  private static String find(Pattern pattern, String html, String what) {
    Matcher matcher = pattern.matcher(html);
    if (!matcher.find()) {
      throw new IllegalStateException("The page has no " + what);
    }
    return matcher.group(1);
  }

  /** The approval page: which login it decides, its CSRF token, and its HTML. */
  public record ConfirmPage(
      String authorizationId, String csrfToken, String firstWorkspaceId, String html) {

    static ConfirmPage of(String html) {
      return new ConfirmPage(
          find(AUTHORIZATION, html, "login id"),
          csrfTokenOf(html),
          find(WORKSPACE, html, "workspace"),
          html);
    }
  }
}
