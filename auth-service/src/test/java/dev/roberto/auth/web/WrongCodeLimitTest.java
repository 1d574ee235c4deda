package dev.roberto.auth.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wrong user codes are limited to 5 per session and, in the test profile, 8 per address within 15
 * minutes. Every request here comes from 127.0.0.1, so all sessions share the address limit.
 */
@QuarkusTest
class WrongCodeLimitTest {

  private static final String WRONG_CODE = "ZZZZ-ZZZZ";

  @TestHTTPResource("/")
  URL root;

  @AfterEach
  void forgetFailures() {
    TestDatabase.update("DELETE FROM user_code_failure");
  }

  @Test
  void sessionBlockedAfterFiveWrongCodes() {
    WebBrowser browser = signedIn();
    for (int i = 1; i <= 5; i++) {
      assertEquals(400, browser.submitCode(WRONG_CODE).statusCode(), "wrong code " + i);
    }

    Response blocked = browser.submitCode(WRONG_CODE);

    assertEquals(429, blocked.statusCode());
    assertThat(blocked.asString(), containsString("Too many wrong codes"));
    String rightCode = DeviceLogin.start(baseUri(), "cli").userCode();
    assertEquals(429, browser.submitCode(rightCode).statusCode(), "blocked even for a right code");
  }

  @Test
  void addressBlockedAcrossSessions() {
    WebBrowser first = signedIn();
    for (int i = 0; i < 5; i++) {
      first.submitCode(WRONG_CODE);
    }
    WebBrowser second = signedIn();
    assertEquals(400, second.submitCode(WRONG_CODE).statusCode());
    assertEquals(400, second.submitCode(WRONG_CODE).statusCode());

    Response blocked = second.submitCode(WRONG_CODE);

    assertEquals(429, blocked.statusCode());
  }

  @Test
  void rightCodesDoNotCount() {
    WebBrowser browser = signedIn();
    for (int i = 0; i < 7; i++) {
      String code = DeviceLogin.start(baseUri(), "cli").userCode();
      assertEquals(200, browser.submitCode(code).statusCode(), "right code " + i);
    }

    assertEquals(400, browser.submitCode(WRONG_CODE).statusCode());
  }

  @Test
  void malformedInputDoesNotCount() {
    WebBrowser browser = signedIn();
    for (int i = 0; i < 7; i++) {
      Response response = browser.submitCode("hello");
      assertEquals(400, response.statusCode());
      assertThat(response.asString(), containsString("8 letters"));
    }

    assertEquals(400, browser.submitCode(WRONG_CODE).statusCode());
  }

  private WebBrowser signedIn() {
    TestAccount account = SeededAccounts.create("Limit workspace");
    return WebBrowser.signIn(baseUri(), account.email(), SeededAccounts.PASSWORD);
  }

  private String baseUri() {
    return WebTestSteps.baseUri(root);
  }
}
