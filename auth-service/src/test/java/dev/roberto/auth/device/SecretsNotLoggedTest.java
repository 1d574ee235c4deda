package dev.roberto.auth.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.DeviceLogin.DeviceCode;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs a whole device login, with a failed sign-in, wrong and polled codes, and scans the log file
 * that the test profile writes (DEBUG for dev.roberto) for every secret involved.
 */
@QuarkusTest
class SecretsNotLoggedTest {

  private static final Path LOG = Path.of("target/quarkus.log");

  @TestHTTPResource("/")
  URL root;

  @Test
  void fullFlowLeavesNoSecretInLog() throws IOException {
    String baseUri = DeviceFlowSteps.baseUri(root);
    TestAccount account = SeededAccounts.create("Logged workspace");
    DeviceCode code = DeviceLogin.start(baseUri, "cli");
    DeviceLogin.poll(baseUri, code.deviceCode());

    WebBrowser failed = new WebBrowser(baseUri);
    failed.submitSignIn(account.email(), "wrong-" + SeededAccounts.PASSWORD);
    WebBrowser browser = WebBrowser.signIn(baseUri, account.email(), SeededAccounts.PASSWORD);
    browser.submitCode("QQQQ-QQQQ");
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());
    browser.approve(page, account.firstWorkspace().toString());
    DeviceFlowSteps.waitOneInterval(code.deviceCode());
    Response tokens = DeviceLogin.poll(baseUri, code.deviceCode());
    assertEquals(200, tokens.statusCode());

    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("password", SeededAccounts.PASSWORD);
    secrets.put("device code", code.deviceCode());
    secrets.put("user code", code.userCode());
    secrets.put("user code without dash", code.userCode().replace("-", ""));
    secrets.put("access token", tokens.path("accessToken"));
    secrets.put("refresh token", tokens.path("refreshToken"));
    secrets.put("session cookie", browser.cookie("roberto_session").orElseThrow());
    secrets.put("CSRF token", page.csrfToken());

    assertTrue(Files.exists(LOG), "the test profile writes " + LOG);
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertTrue(log.contains("Device login"), "the log has the flow's own lines");
    secrets.forEach(
        (name, value) -> assertFalse(log.contains(value), "the log contains the " + name));
  }
}
