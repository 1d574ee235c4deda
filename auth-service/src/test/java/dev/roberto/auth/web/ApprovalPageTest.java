package dev.roberto.auth.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.DeviceLogin.DeviceCode;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The pages between signing in and approving a device login. */
@QuarkusTest
class ApprovalPageTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void codePageNeedsSignIn() {
    Response response = new WebBrowser(baseUri()).get("/device?user_code=BCDF-GHJK");

    assertEquals(303, response.statusCode());
    assertThat(response.header("Location"), containsString("/sign-in?next="));
    assertThat(response.header("Location"), containsString("user_code"));
  }

  @Test
  void verificationUriPrefillsCode() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("Prefill workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);

    String page = browser.get(DeviceLogin.localPath(code.verificationUriComplete())).asString();

    assertThat(page, containsString("value=\"" + code.userCode() + "\""));
  }

  @Test
  void confirmPageShowsClientUrlTimeWorkspaces() {
    DeviceCode code = DeviceLogin.start(baseUri(), "mcp");
    TestAccount account = SeededAccounts.create("Alpha team", "Beta team");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);

    String page = browser.enterCode(code.userCode()).html();

    assertThat(page, containsString("Roberto MCP server"));
    assertThat(page, containsString("http://127.0.0.1:8081"));
    assertThat(page, containsString(" UTC"));
    assertThat(page, containsString("Alpha team"));
    assertThat(page, containsString("Beta team"));
    assertThat(page, containsString("value=\"approve\""));
    assertThat(page, containsString("value=\"deny\""));
  }

  @Test
  void typedCodeIsNormalised() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("Typing workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    String typed = " " + code.userCode().toLowerCase(Locale.ROOT).replace("-", " - ") + " ";

    WebBrowser.ConfirmPage page = browser.enterCode(typed);

    assertThat(page.html(), containsString("Roberto CLI"));
  }

  @Test
  void approvalUsesChosenWorkspace() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("First team", "Second team");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());

    String done = browser.approve(page, account.workspaceIds().get(1).toString()).asString();

    assertThat(done, containsString("Second team"));
    assertEquals(200, DeviceLogin.poll(baseUri(), code.deviceCode()).statusCode());
  }

  @Test
  void foreignWorkspaceRejected() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("Own team");
    TestAccount stranger = SeededAccounts.create("Foreign team");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());

    Response response =
        browser.post(
            "/device/decision",
            java.util.Map.of(
                "authorization", page.authorizationId(),
                "workspace", stranger.firstWorkspace().toString(),
                "decision", "approve",
                "csrf-token", page.csrfToken()));

    assertEquals(400, response.statusCode());
    assertEquals(
        "authorization_pending", DeviceLogin.poll(baseUri(), code.deviceCode()).path("code"));
  }

  @Test
  void otherSessionCannotDecide() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("Entering workspace");
    WebBrowser entering = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    WebBrowser.ConfirmPage page = entering.enterCode(code.userCode());
    TestAccount other = SeededAccounts.create("Other workspace");
    WebBrowser stranger = WebBrowser.signIn(baseUri(), other.email(), SeededAccounts.PASSWORD);
    String strangerToken = stranger.get("/device").asString();

    Response response =
        stranger.post(
            "/device/decision",
            java.util.Map.of(
                "authorization", page.authorizationId(),
                "workspace", other.firstWorkspace().toString(),
                "decision", "approve",
                "csrf-token", csrfTokenOf(strangerToken)));

    assertEquals(404, response.statusCode());
    assertEquals(
        "authorization_pending", DeviceLogin.poll(baseUri(), code.deviceCode()).path("code"));
  }

  @Test
  void usedCodeShowsAlreadyUsed() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    TestAccount account = SeededAccounts.create("Used workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
    browser.approve(browser.enterCode(code.userCode()), account.firstWorkspace().toString());

    Response again = browser.submitCode(code.userCode());

    assertEquals(409, again.statusCode());
    assertThat(again.asString(), containsString("already"));
  }

  @Test
  void expiredCodeShowsExpiredPage() {
    DeviceCode code = DeviceLogin.start(baseUri(), "cli");
    dev.roberto.testsupport.TestDatabase.update(
        "UPDATE device_authorization SET expires_at = now() - INTERVAL '1 second'"
            + " WHERE device_code_hash = ?",
        dev.roberto.auth.device.Secrets.sha256(code.deviceCode()));
    TestAccount account = SeededAccounts.create("Late workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);

    Response response = browser.submitCode(code.userCode());

    assertEquals(410, response.statusCode());
    assertThat(response.asString(), containsString("expired"));
  }

  private static String csrfTokenOf(String html) {
    var matcher =
        java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
    org.junit.jupiter.api.Assertions.assertTrue(matcher.find(), "page has a CSRF token");
    return matcher.group(1);
  }

  private String baseUri() {
    return WebTestSteps.baseUri(root);
  }
}
