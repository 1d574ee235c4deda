package dev.roberto.mcp;

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
 * A login of the test workspace's owner stored where the MCP server reads it, with the shared
 * runtime-service of {@link TestRuntimeService} as the control plane's runtime service.
 */
final class RuntimeServiceFixture {

  private RuntimeServiceFixture() {}

  /**
   * Stores a login of the owner in the auth store under {@code configHome}, with runtime-service as
   * the control plane's runtime service, as {@code finish_login} would after discovery.
   */
  static StoredLogin storeOwnerLogin(Path configHome) {
    String authUrl = AuthServiceProcess.shared().url();
    DeviceLogin.Tokens tokens = TestUsers.login("owner");
    StoredLogin login =
        new StoredLogin(
            authUrl,
            tokens.accessToken(),
            tokens.refreshToken(),
            Instant.now().plusSeconds(tokens.expiresIn()).toString(),
            AuthServiceProcess.OWNER_EMAIL,
            TestUsers.workspaceId(),
            "mcp",
            Map.of("auth", authUrl, "runtime", TestRuntimeService.shared().url()));
    new AuthStore(configHome.resolve("roberto")).save(login);
    return login;
  }
}
