package dev.roberto.auth;

import static io.restassured.RestAssured.given;

import dev.roberto.auth.token.IssuedTokens;
import dev.roberto.auth.token.TokenIssuer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts and tokens for tests: sign-up through the API, and a first token pair from {@link
 * TokenIssuer}, as the device flow will obtain it.
 */
@ApplicationScoped
public class TestAccounts {

  public static final String PASSWORD = "a-long-test-password";

  private final TokenIssuer tokenIssuer;

  public TestAccounts(TokenIssuer tokenIssuer) {
    this.tokenIssuer = tokenIssuer;
  }

  /** Signs up a new account with a unique email and returns it with its workspace and tokens. */
  public Account signUp(String namePrefix) {
    String email = namePrefix + "-" + UUID.randomUUID() + "@example.test";
    JsonPath created =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("email", email, "password", PASSWORD, "displayName", namePrefix))
            .when()
            .post("/api/auth/signup")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    UUID userId = UUID.fromString(created.getString("account.userId"));
    UUID workspaceId = UUID.fromString(created.getString("workspace.workspaceId"));
    return new Account(userId, email, workspaceId, tokensFor(userId, workspaceId));
  }

  /** Issues a first token pair in a transaction of its own. */
  public IssuedTokens tokensFor(UUID userId, UUID workspaceId) {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(() -> tokenIssuer.issueForUser(userId, workspaceId, "cli")));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** An account, its own workspace, and tokens for that workspace. */
  public record Account(UUID userId, String email, UUID workspaceId, IssuedTokens tokens) {

    public String bearer() {
      return "Bearer " + tokens.accessToken();
    }
  }
}
