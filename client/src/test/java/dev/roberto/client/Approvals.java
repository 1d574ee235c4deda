package dev.roberto.client;

import dev.roberto.client.login.DeviceCode;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.WebBrowser;

/** The person's side of a device login: sign in to the web app, enter the code, click a button. */
final class Approvals {

  private Approvals() {}

  static void approveAsOwner(DeviceCode code) {
    WebBrowser browser = ownerBrowser();
    WebBrowser.ConfirmPage page = browser.enterCode(code.userCode());
    browser.approve(page, page.firstWorkspaceId());
  }

  static void denyAsOwner(DeviceCode code) {
    WebBrowser browser = ownerBrowser();
    browser.deny(browser.enterCode(code.userCode()));
  }

  private static WebBrowser ownerBrowser() {
    return WebBrowser.signIn(
        AuthServiceProcess.shared().url(),
        AuthServiceProcess.OWNER_EMAIL,
        AuthServiceProcess.OWNER_PASSWORD);
  }
}
