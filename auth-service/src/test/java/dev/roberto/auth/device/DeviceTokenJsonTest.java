package dev.roberto.auth.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.DeviceLogin.DeviceCode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device login over the camelCase JSON endpoints that the CLI and the MCP server use. */
@QuarkusTest
class DeviceTokenJsonTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void codeResponseHasEveryField() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("client", "mcp"))
        .when()
        .post("/api/auth/device/code")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("deviceCode", matchesPattern("[A-Za-z0-9_-]{43}"))
        .body("userCode", matchesPattern("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"))
        .body("verificationUri", endsWith("/device"))
        .body("verificationUriComplete", containsString("/device?user_code="))
        .body("expiresIn", equalTo(600))
        .body("interval", equalTo(5));
  }

  @Test
  void deviceCodeStoredOnlyAsHash() {
    DeviceCode code = start();

    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM device_authorization WHERE device_code_hash = ?",
            Secrets.sha256(code.deviceCode())));
    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM device_authorization t WHERE CAST(t.* AS text) LIKE ?",
            "%" + code.deviceCode() + "%"));
  }

  @Test
  void bodylessRequestStartsCliLogin() {
    given()
        .when()
        .post("/api/auth/device/code")
        .then()
        .statusCode(200)
        .body("deviceCode", not(emptyOrNullString()));
  }

  @Test
  void unknownClientRejected() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("client", "toaster"))
        .when()
        .post("/api/auth/device/code")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_client"))
        .body("hint", containsString("cli"));
  }

  @Test
  void pendingBeforeApproval() {
    DeviceCode code = start();

    poll(code.deviceCode())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("authorization_pending"))
        .body("interval", equalTo(5))
        .body("hint", containsString("/device"));
  }

  @Test
  void slowDownGrowsIntervalEachTime() {
    DeviceCode code = start();
    poll(code.deviceCode()).body("code", equalTo("authorization_pending"));

    poll(code.deviceCode())
        .statusCode(400)
        .body("code", equalTo("slow_down"))
        .body("interval", equalTo(10))
        .body("hint", containsString("10 seconds"));
    poll(code.deviceCode()).body("code", equalTo("slow_down")).body("interval", equalTo(15));
  }

  @Test
  void pollAfterIntervalIsPendingAgain() {
    DeviceCode code = start();
    poll(code.deviceCode()).body("code", equalTo("authorization_pending"));

    DeviceFlowSteps.waitOneInterval(code.deviceCode());

    poll(code.deviceCode()).body("code", equalTo("authorization_pending"));
  }

  @Test
  void expiredCodeAnswersExpiredToken() {
    DeviceCode code = start();

    DeviceFlowSteps.expire(code.deviceCode());

    poll(code.deviceCode())
        .statusCode(400)
        .body("code", equalTo("expired_token"))
        .body("hint", containsString("roberto auth login"));
  }

  @Test
  void deniedLoginAnswersAccessDenied() {
    DeviceCode code = start();

    DeviceFlowSteps.deny(baseUri(), code.userCode());

    poll(code.deviceCode())
        .statusCode(400)
        .body("code", equalTo("access_denied"))
        .body("hint", not(emptyOrNullString()));
  }

  @Test
  void unknownCodeAnswersInvalidGrant() {
    poll("no-such-device-code-" + Secrets.newSecret())
        .statusCode(400)
        .body("code", equalTo("invalid_grant"))
        .body("hint", containsString("roberto auth login"));
  }

  @Test
  void missingCodeAnswersInvalidRequest() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .when()
        .post("/api/auth/device/token")
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_request"))
        .body("detail", containsString("deviceCode"));
  }

  @Test
  void approvedLoginReturnsTokensOnce() {
    DeviceCode code = start();
    DeviceFlowSteps.approve(baseUri(), code.userCode());

    poll(code.deviceCode())
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("accessToken", matchesPattern("[^.]+\\.[^.]+\\.[^.]+"))
        .body("refreshToken", not(emptyOrNullString()))
        .body("tokenType", equalTo("Bearer"))
        .body("expiresIn", greaterThan(0));

    poll(code.deviceCode()).statusCode(400).body("code", equalTo("invalid_grant"));
  }

  @Test
  void helperReturnsRealTokens() {
    var account = dev.roberto.auth.SeededAccounts.create("Helper workspace");

    DeviceLogin.Tokens tokens =
        DeviceLogin.tokensFor(baseUri(), account.email(), dev.roberto.auth.SeededAccounts.PASSWORD);

    assertEquals("Bearer", tokens.tokenType());
    assertEquals(3, tokens.accessToken().split("\\.").length);
  }

  private String baseUri() {
    return DeviceFlowSteps.baseUri(root);
  }

  private DeviceCode start() {
    return DeviceLogin.start(baseUri(), "cli");
  }

  private static ValidatableResponse poll(String deviceCode) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("deviceCode", deviceCode))
        .when()
        .post("/api/auth/device/token")
        .then();
  }
}
