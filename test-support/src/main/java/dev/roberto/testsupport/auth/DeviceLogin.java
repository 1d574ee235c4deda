package dev.roberto.testsupport.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.Map;

/**
 * Logs in to a running auth-service the way a person does, over plain HTTP. The client requests a
 * device code, and the person signs in on the web page, enters the code and approves. Then the
 * client polls for the tokens. Other services' tests use it to get real tokens.
 *
 * <pre>{@code
 * DeviceLogin.Tokens tokens = DeviceLogin.tokensFor("http://127.0.0.1:8081", email, password);
 * given().auth().oauth2(tokens.accessToken())...
 * }</pre>
 */
public final class DeviceLogin {

  private DeviceLogin() {}

  /** Tokens as {@code POST /api/auth/device/token} returns them. */
  public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    @Override
    public String toString() {
      return "Tokens[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
  }

  /** A started device login, as {@code POST /api/auth/device/code} returns it. */
  public record DeviceCode(
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      long expiresIn,
      int interval) {

    @Override
    public String toString() {
      return "DeviceCode[verificationUri=" + verificationUri + ", interval=" + interval + "]";
    }
  }

  /** Logs in as the CLI and returns the tokens for the account's first workspace. */
  public static Tokens tokensFor(String baseUri, String email, String password) {
    return tokensFor(baseUri, email, password, "cli");
  }

  /** Logs in as the client ({@code cli} or {@code mcp}) and returns the tokens. */
  public static Tokens tokensFor(String baseUri, String email, String password, String client) {
    return tokensFor(baseUri, email, password, client, null);
  }

  /**
   * Logs in as the client and approves the login for the workspace, or for the first workspace the
   * page offers when {@code workspaceId} is null.
   */
  public static Tokens tokensFor(
      String baseUri, String email, String password, String client, String workspaceId) {
    DeviceCode code = start(baseUri, client);

    WebBrowser browser = WebBrowser.signIn(baseUri, email, password);
    WebBrowser.ConfirmPage confirm = browser.enterCode(code.userCode());
    browser.approve(confirm, workspaceId != null ? workspaceId : confirm.firstWorkspaceId());

    Response poll = poll(baseUri, code.deviceCode());
    if (poll.statusCode() != 200) {
      throw new IllegalStateException(
          "Polling after approval failed with " + poll.statusCode() + ": " + poll.asString());
    }
    return poll.as(Tokens.class);
  }

  /** Starts a device login for the client. */
  public static DeviceCode start(String baseUri, String client) {
    return given()
        .baseUri(baseUri)
        .contentType(ContentType.JSON)
        .body(Map.of("client", client))
        .when()
        .post("/api/auth/device/code")
        .then()
        .statusCode(200)
        .extract()
        .as(DeviceCode.class);
  }

  /** Polls once and returns the raw response: 200 with tokens, or a problem. */
  public static Response poll(String baseUri, String deviceCode) {
    return given()
        .baseUri(baseUri)
        .contentType(ContentType.JSON)
        .body(Map.of("deviceCode", deviceCode))
        .when()
        .post("/api/auth/device/token");
  }

  /**
   * Returns the path and query of a verification URI, so that it can be opened on {@code baseUri}
   * when the service's public URL names another host or port than the one the test reaches.
   */
  public static String localPath(String verificationUri) {
    URI uri = URI.create(verificationUri);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
