package dev.roberto.testsupport.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * People of the test workspace on the real auth-service, one per role, with real access tokens from
 * the device login. The owner is the account auth-service creates at startup; the admin and the
 * member sign up and are added to the owner's workspace.
 */
public final class TestUsers {

  public static final String PASSWORD = "password-for-tests";

  /** Tokens live for minutes; a cached one is replaced well before it expires. */
  private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

  private static final Map<String, CachedToken> TOKENS = new HashMap<>();
  private static String workspaceId;

  private TestUsers() {}

  /** Returns an access token for the test workspace with the role: owner, admin or member. */
  public static synchronized String accessToken(String role) {
    CachedToken cached = TOKENS.get(role);
    if (cached != null && cached.obtainedAt.plus(TOKEN_REUSE).isAfter(Instant.now())) {
      return cached.token;
    }
    String token = login(role).accessToken();
    TOKENS.put(role, new CachedToken(token, Instant.now()));
    return token;
  }

  /** Logs in with the role through the device flow and returns the whole token response. */
  public static synchronized DeviceLogin.Tokens login(String role) {
    AuthServiceProcess auth = AuthServiceProcess.shared();
    if (role.equals("owner")) {
      return DeviceLogin.tokensFor(
          auth.url(),
          AuthServiceProcess.OWNER_EMAIL,
          AuthServiceProcess.OWNER_PASSWORD,
          "cli",
          workspaceId());
    }
    String email = emailOf(role);
    ensureMember(auth.url(), email, role);
    return DeviceLogin.tokensFor(auth.url(), email, PASSWORD, "cli", workspaceId());
  }

  /** Returns the id of the test workspace, which the owner's tokens are bound to. */
  public static synchronized String workspaceId() {
    if (workspaceId == null) {
      AuthServiceProcess auth = AuthServiceProcess.shared();
      DeviceLogin.Tokens owner =
          DeviceLogin.tokensFor(
              auth.url(), AuthServiceProcess.OWNER_EMAIL, AuthServiceProcess.OWNER_PASSWORD);
      List<Map<String, Object>> workspaces =
          given()
              .baseUri(auth.url())
              .auth()
              .oauth2(owner.accessToken())
              .when()
              .get("/api/auth/workspaces")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      workspaceId =
          workspaces.stream()
              .filter(
                  workspace ->
                      AuthServiceProcess.WORKSPACE_NAME.equals(workspace.get("workspaceName")))
              .map(workspace -> (String) workspace.get("workspaceId"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("The owner has no test workspace"));
    }
    return workspaceId;
  }

  public static String emailOf(String role) {
    return role + "@roberto.test";
  }

  private static void ensureMember(String baseUri, String email, String role) {
    int signUp =
        given()
            .baseUri(baseUri)
            .contentType(ContentType.JSON)
            .body(Map.of("email", email, "password", PASSWORD, "displayName", "Test " + role))
            .when()
            .post("/api/auth/signup")
            .statusCode();
    requireCreatedOrExisting(signUp, "Signing up " + email);

    int added =
        given()
            .baseUri(baseUri)
            .auth()
            .oauth2(accessToken("owner"))
            .contentType(ContentType.JSON)
            .body(Map.of("email", email, "role", role))
            .when()
            .post("/api/auth/workspaces/" + workspaceId() + "/members")
            .statusCode();
    requireCreatedOrExisting(added, "Adding " + email + " to the test workspace");
  }

  private static void requireCreatedOrExisting(int status, String step) {
    if (status != 201 && status != 409) {
      throw new IllegalStateException(step + " failed with HTTP " + status);
    }
  }

  private record CachedToken(String token, Instant obtainedAt) {}
}
