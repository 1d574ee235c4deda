package dev.roberto.auth.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.DeviceLogin.DeviceCode;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forms posted without the page's CSRF token change nothing. */
@QuarkusTest
class CsrfTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void approveWithoutTokenRejected() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("CSRF workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());

    Response response =
        browser.post(
            "/device/decision",
            Map.of(
                "authorization", page.authorizationId(),
                "workspace", account.firstWorkspace().toString(),
                "decision", "approve"));

    assertEquals(403, response.statusCode());
    assertThat(response.asString(), containsString("nothing was changed"));
    assertEquals(
        "authorization_pending", DeviceLogin.poll(baseUri(), code.deviceCode()).path("code"));
  }

  @Test
  void approveWithForeignTokenRejected() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("CSRF workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());

    Response response =
        browser.post(
            "/device/decision",
            Map.of(
                "authorization", page.authorizationId(),
                "workspace", account.firstWorkspace().toString(),
                "decision", "approve",
                "csrf-token", dev.roberto.auth.device.Secrets.newSecret()));

    assertEquals(403, response.statusCode());
    assertEquals(
        "authorization_pending", DeviceLogin.poll(baseUri(), code.deviceCode()).path("code"));
  }

  @Test
  void signInWithoutTokenRejected() {
    TestAccount account = SeededAccounts.create("CSRF sign-in workspace");
    WebBrowser browser = new WebBrowser(baseUri());
    browser.get("/sign-in");

    Response response =
        browser.post(
            "/sign-in", Map.of("email", account.email(), "password", SeededAccounts.PASSWORD));

    assertEquals(403, response.statusCode());
    assertTrue(browser.cookie("roberto_session").isEmpty());
  }

  private String baseUri() {
    return WebTestSteps.baseUri(root);
  }
}
