package dev.roberto.auth.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignInTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void wrongPasswordShowsError() {
    TestAccount account = SeededAccounts.create("Wrong password workspace");
    WebBrowser browser = new WebBrowser(WebTestSteps.baseUri(root));

    Response response = browser.submitSignIn(account.email(), "not the password");

    assertEquals(401, response.statusCode());
    assertThat(response.asString(), containsString("email or password is wrong"));
    assertTrue(browser.cookie("roberto_session").isEmpty());
  }

  @Test
  void sessionStoredOnlyAsHash() {
    TestAccount account = SeededAccounts.create("Session workspace");

    WebBrowser browser =
        WebBrowser.signIn(WebTestSteps.baseUri(root), account.email(), SeededAccounts.PASSWORD);

    String cookie = browser.cookie("roberto_session").orElseThrow();
    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM web_session WHERE id_hash = ?",
            dev.roberto.auth.crypto.Secrets.sha256Hex(cookie)));
    assertEquals(
        0, TestDatabase.count("SELECT count(*) FROM web_session WHERE id_hash = ?", cookie));
  }

  @Test
  void signOutEndsSession() {
    TestAccount account = SeededAccounts.create("Sign-out workspace");
    WebBrowser browser =
        WebBrowser.signIn(WebTestSteps.baseUri(root), account.email(), SeededAccounts.PASSWORD);
    String page = browser.get("/device").asString();
    String cookie = browser.cookie("roberto_session").orElseThrow();

    Response signOut = browser.post("/sign-out", java.util.Map.of("csrf-token", csrfToken(page)));

    assertEquals(303, signOut.statusCode());
    assertEquals(303, browser.get("/device").statusCode(), "the code page asks to sign in again");
    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM web_session WHERE id_hash = ?",
            dev.roberto.auth.crypto.Secrets.sha256Hex(cookie)));
  }

  @Test
  void noUpstreamButtonWithoutProvider() {
    WebBrowser browser = new WebBrowser(WebTestSteps.baseUri(root));

    String page = browser.get("/sign-in").asString();
    Response start = browser.get("/sign-in/upstream/start?next=/device");

    assertThat(page, containsString("id=\"sign-in\""));
    assertTrue(!page.contains("sign-in-upstream"), "no upstream button");
    assertEquals(404, start.statusCode());
    assertThat(start.asString(), containsString("not configured"));
  }

  private static String csrfToken(String html) {
    var matcher =
        java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(matcher.find(), "page has a CSRF token");
    return matcher.group(1);
  }
}
