package dev.roberto.cli;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.SignedUpAccount;
import java.nio.file.Path;

/**
 * A person who signed up with a workspace of their own, so that each test starts from a new
 * workspace with its starter credits and no Stripe customer, and who is logged in to the test
 * control plane in the auth store under {@code configHome}.
 */
record Person(String email, String workspaceId, StoredLogin login) {

  /** Signs up a new account and logs it in through the device flow, approved in the web app. */
  static Person signUpAndLogIn(Path configHome, String controlPlaneUrl) {
    SignedUpAccount account = SignedUpAccount.signUp();

    RobertoClient client =
        RobertoClient.builder(controlPlaneUrl)
            .store(new AuthStore(configHome.resolve("roberto")))
            .sleeper(duration -> {})
            .build();
    DeviceCode code = client.startLogin();
    account.approveDeviceLogin(code.userCode());
    StoredLogin login = client.finishLogin(code);
    return new Person(account.email(), login.workspaceId(), login);
  }
}
