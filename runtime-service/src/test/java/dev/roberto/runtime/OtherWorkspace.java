package dev.roberto.runtime;

import static io.restassured.RestAssured.given;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.SignedUpAccount;
import java.time.Duration;
import java.time.Instant;

/**
 * Accounts that signed up with a workspace of their own, to check that one workspace never sees or
 * changes another's runtimes and agents.
 */
public final class OtherWorkspace {

  /** Tokens live for minutes; a cached one is replaced well before it expires. */
  private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

  private static SignedUpAccount account;
  private static String token;
  private static Instant tokenObtainedAt;
  private static String workspaceId;

  private OtherWorkspace() {}

  /** Returns an owner access token of the shared other workspace, signing it up once. */
  public static synchronized String ownerToken() {
    if (token != null && tokenObtainedAt.plus(TOKEN_REUSE).isAfter(Instant.now())) {
      return token;
    }
    if (account == null) {
      account = SignedUpAccount.signUp();
    }
    token = login(account);
    tokenObtainedAt = Instant.now();
    return token;
  }

  /** Returns the id of the shared other workspace. */
  public static synchronized String workspaceId() {
    if (workspaceId == null) {
      workspaceId = workspaceIdOf(ownerToken());
    }
    return workspaceId;
  }

  /** Signs up a new account with a new workspace and returns its owner's access token. */
  public static String newWorkspaceOwnerToken() {
    return login(SignedUpAccount.signUp());
  }

  private static String login(SignedUpAccount signedUpAccount) {
    return DeviceLogin.tokensFor(
            AuthServiceProcess.shared().url(), signedUpAccount.email(), signedUpAccount.password())
        .accessToken();
  }

  private static String workspaceIdOf(String accessToken) {
    return given()
        .baseUri(AuthServiceProcess.shared().url())
        .auth()
        .oauth2(accessToken)
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(200)
        .extract()
        .path("workspaceId");
  }
}
