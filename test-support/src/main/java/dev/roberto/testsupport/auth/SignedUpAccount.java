package dev.roberto.testsupport.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/**
 * An account that signed up on the shared auth-service with a workspace of its own, so that each
 * test can start from a new workspace with its starter credits and no Stripe customer.
 */
public record SignedUpAccount(String email, String password) {

  private static final String PASSWORD = "person-password-for-tests";

  /** Signs up a new account with a random email and a workspace named after it. */
  public static SignedUpAccount signUp() {
    String email = "person-" + UUID.randomUUID() + "@roberto.test";
    given()
        .baseUri(AuthServiceProcess.shared().url())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                email,
                "password",
                PASSWORD,
                "displayName",
                "Test person",
                "workspaceName",
                "Workspace of " + email))
        .when()
        .post("/api/auth/signup")
        .then()
        .statusCode(201);
    return new SignedUpAccount(email, PASSWORD);
  }

  /**
   * Approves a device login in the web app for this account's first workspace, as the person would
   * after typing the user code that the client showed.
   */
  public void approveDeviceLogin(String userCode) {
    WebBrowser browser = WebBrowser.signIn(AuthServiceProcess.shared().url(), email, password);
    WebBrowser.ConfirmPage page = browser.enterCode(userCode);
    browser.approve(page, page.firstWorkspaceId());
  }
}
