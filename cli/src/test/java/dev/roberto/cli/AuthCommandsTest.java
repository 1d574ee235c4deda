package dev.roberto.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.WebBrowser;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roberto auth ...} as separate processes against the real auth-service. */
class AuthCommandsTest {

  private static final Pattern USER_CODE = Pattern.compile("enter the code ([A-Z]{4}-[A-Z]{4})");
  private static final String OTHER_CONTROL_PLANE = "https://other.roberto.test";

  @TempDir Path configHome;

  private AuthStore store;
  private StoredLogin otherLogin;

  @BeforeEach
  void storeLoginOfOtherControlPlane() {
    store = new AuthStore(configHome.resolve("roberto"));
    otherLogin =
        new StoredLogin(
            OTHER_CONTROL_PLANE,
            "access-of-other",
            "refresh-of-other",
            "2030-01-01T00:00:00Z",
            "someone@other.test",
            "00000000-0000-0000-0000-000000000002",
            "cli",
            Map.of("auth", OTHER_CONTROL_PLANE));
    store.save(otherLogin);
  }

  @Test
  void loginWhoamiLogoutEndToEnd() throws Exception {
    loginThroughCli();

    StoredLogin stored = store.find(authUrl()).orElseThrow();
    assertEquals(AuthServiceProcess.OWNER_EMAIL, stored.email());
    assertEquals(otherLogin, store.find(OTHER_CONTROL_PLANE).orElseThrow());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.folder())));

    CliProcess.Result whoami = CliProcess.run(configHome, "auth", "whoami");
    assertEquals(0, whoami.exitCode(), whoami.stderr());
    assertTrue(whoami.stdout().contains(AuthServiceProcess.OWNER_EMAIL), whoami.stdout());
    assertTrue(whoami.stdout().contains(AuthServiceProcess.WORKSPACE_NAME), whoami.stdout());
    assertTrue(whoami.stdout().contains(stored.workspaceId()), whoami.stdout());

    CliProcess.Result json = CliProcess.run(configHome, "auth", "whoami", "--json");
    JsonNode identity = new ObjectMapper().readTree(json.stdout());
    assertEquals(AuthServiceProcess.OWNER_EMAIL, identity.path("email").asText());
    assertEquals(AuthServiceProcess.WORKSPACE_NAME, identity.path("workspaceName").asText());

    CliProcess.Result verbose = CliProcess.run(configHome, "auth", "whoami", "--verbose");
    assertEquals(0, verbose.exitCode(), verbose.stderr());
    assertTrue(
        verbose.stderr().contains("GET " + authUrl() + "/api/auth/whoami -> 200 (request id "),
        verbose.stderr());
    assertFalse(verbose.stderr().contains(stored.accessToken()), "no token in verbose output");
  }

  @Test
  void localOnlyLogoutKeepsServerLogin() throws Exception {
    loginThroughCli();
    String refreshToken = store.find(authUrl()).orElseThrow().refreshToken();

    CliProcess.Result logout = CliProcess.run(configHome, "auth", "logout", "--local-only");

    assertEquals(0, logout.exitCode(), logout.stderr());
    assertFalse(store.find(authUrl()).isPresent());
    assertEquals(otherLogin, store.find(OTHER_CONTROL_PLANE).orElseThrow());
    assertEquals(200, refreshStatus(refreshToken), "the server still accepts the refresh token");
  }

  @Test
  void logoutRevokesOnServer() throws Exception {
    loginThroughCli();
    String refreshToken = store.find(authUrl()).orElseThrow().refreshToken();

    CliProcess.Result logout = CliProcess.run(configHome, "auth", "logout");

    assertEquals(0, logout.exitCode(), logout.stderr());
    assertFalse(store.find(authUrl()).isPresent());
    assertEquals(otherLogin, store.find(OTHER_CONTROL_PLANE).orElseThrow());
    assertEquals(401, refreshStatus(refreshToken), "the server revoked the refresh token");
    CliProcess.Result whoami = CliProcess.run(configHome, "auth", "whoami");
    assertEquals(ExitCodes.AUTHENTICATION, whoami.exitCode());
  }

  @Test
  void parallelRefreshesBothSucceed() throws Exception {
    loginThroughCli();
    String firstRefreshToken = store.find(authUrl()).orElseThrow().refreshToken();

    CliProcess first = CliProcess.start(configHome, "auth", "refresh");
    CliProcess second = CliProcess.start(configHome, "auth", "refresh");
    CliProcess.Result firstResult = first.await();
    CliProcess.Result secondResult = second.await();

    assertEquals(0, firstResult.exitCode(), firstResult.stderr());
    assertEquals(0, secondResult.exitCode(), secondResult.stderr());
    assertNotEquals(firstRefreshToken, store.find(authUrl()).orElseThrow().refreshToken());
    CliProcess.Result whoami = CliProcess.run(configHome, "auth", "whoami");
    assertEquals(0, whoami.exitCode(), whoami.stderr());
    CliProcess.Result refreshAgain = CliProcess.run(configHome, "auth", "refresh");
    assertEquals(0, refreshAgain.exitCode(), refreshAgain.stderr());
  }

  private void loginThroughCli() throws Exception {
    CliProcess login = CliProcess.start(configHome, "auth", "login", "--no-browser");
    String userCode = login.awaitStderr(USER_CODE);

    WebBrowser browser =
        WebBrowser.signIn(
            authUrl(), AuthServiceProcess.OWNER_EMAIL, AuthServiceProcess.OWNER_PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(userCode);
    browser.approve(page, page.firstWorkspaceId());

    CliProcess.Result result = login.await();
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("Logged in to " + authUrl()), result.stdout());
    assertTrue(result.stderr().contains(authUrl() + "/device"), result.stderr());
  }

  private static int refreshStatus(String refreshToken) {
    return given()
        .baseUri(authUrl())
        .contentType(ContentType.JSON)
        .body(Map.of("refreshToken", refreshToken))
        .when()
        .post("/api/auth/refresh")
        .statusCode();
  }

  private static String authUrl() {
    return AuthServiceProcess.shared().url();
  }
}
