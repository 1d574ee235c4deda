package dev.roberto.auth.device;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.WebBrowser;
import java.net.URL;

/** Steps that the device-flow tests share: the person's side in the web app, and clock moves. */
final class DeviceFlowSteps {

  private DeviceFlowSteps() {}

  static String baseUri(URL root) {
    String text = root.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** Signs in as a new account and approves the user code for its only workspace. */
  static TestAccount approve(String baseUri, String userCode) {
    TestAccount account = SeededAccounts.create("Approving workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri, account.email(), SeededAccounts.PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(userCode);
    browser.approve(page, account.firstWorkspace().toString());
    return account;
  }

  /** Signs in as a new account and clicks Deny for the user code. */
  static void deny(String baseUri, String userCode) {
    TestAccount account = SeededAccounts.create("Denying workspace");
    WebBrowser browser = WebBrowser.signIn(baseUri, account.email(), SeededAccounts.PASSWORD);
    browser.deny(browser.enterCode(userCode));
  }

  /** Moves the login's expiry into the past, as if its lifetime had passed. */
  static void expire(String deviceCode) {
    TestDatabase.update(
        "UPDATE device_authorization SET expires_at = now() - INTERVAL '1 second'"
            + " WHERE device_code_hash = ?",
        Secrets.sha256(deviceCode));
  }

  /** Moves the last poll back by the interval, as if the client had waited before polling. */
  static void waitOneInterval(String deviceCode) {
    TestDatabase.update(
        "UPDATE device_authorization"
            + " SET last_polled_at = last_polled_at - interval_seconds * INTERVAL '1 second'"
            + " WHERE device_code_hash = ?",
        Secrets.sha256(deviceCode));
  }
}
