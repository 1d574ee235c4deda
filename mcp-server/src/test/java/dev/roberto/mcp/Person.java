package dev.roberto.mcp;

import static io.restassured.RestAssured.given;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.WebBrowser;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A person who signed up with a workspace of their own, so that each test starts from a new
 * workspace with its starter credits and no Stripe customer, and who is logged in to the test
 * control plane in the auth store under {@code configHome}, as the MCP server's client.
 */
record Person(String email, String workspaceId, StoredLogin login) {

  private static final String PASSWORD = "person-password-for-tests";

  /** Signs up a new account and logs it in through the device flow, approved in the web app. */
  static Person signUpAndLogIn(Path configHome, String controlPlaneUrl) {
    String email = "person-" + UUID.randomUUID() + "@roberto.test";
    String authUrl = AuthServiceProcess.shared().url();
    given()
        .baseUri(authUrl)
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

    RobertoClient client =
        RobertoClient.builder(controlPlaneUrl)
            .clientName("mcp")
            .store(new AuthStore(configHome.resolve("roberto")))
            .sleeper(duration -> {})
            .build();
    DeviceCode code = client.startLogin();
    WebBrowser browser = WebBrowser.signIn(authUrl, email, PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());
    browser.approve(page, page.firstWorkspaceId());
    StoredLogin login = client.finishLogin(code);
    return new Person(email, login.workspaceId(), login);
  }
}
