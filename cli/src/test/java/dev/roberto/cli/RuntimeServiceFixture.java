package dev.roberto.cli;

import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.TestUsers;
import dev.roberto.testsupport.runtime.TestRuntimeService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Logins of the test workspace's people stored where the CLI reads them, with the shared
 * runtime-service of {@link TestRuntimeService} as the control plane's runtime service.
 */
final class RuntimeServiceFixture {

  private RuntimeServiceFixture() {}

  /**
   * Stores a login of the owner in the auth store under {@code configHome}, with runtime-service as
   * the control plane's runtime service, as {@code roberto auth login} would after discovery.
   */
  static StoredLogin storeOwnerLogin(Path configHome) {
    return storeLogin(configHome, "owner");
  }

  /**
   * Stores a login of the test workspace's person with the role (owner, admin or member), in the
   * same way as {@link #storeOwnerLogin}.
   */
  static StoredLogin storeLogin(Path configHome, String role) {
    String authUrl = AuthServiceProcess.shared().url();
    DeviceLogin.Tokens tokens = TestUsers.login(role);
    StoredLogin login =
        new StoredLogin(
            authUrl,
            tokens.accessToken(),
            tokens.refreshToken(),
            Instant.now().plusSeconds(tokens.expiresIn()).toString(),
            role.equals("owner") ? AuthServiceProcess.OWNER_EMAIL : TestUsers.emailOf(role),
            TestUsers.workspaceId(),
            "cli",
            Map.of("auth", authUrl, "runtime", TestRuntimeService.shared().url()));
    new AuthStore(configHome.resolve("roberto")).save(login);
    return login;
  }
}
