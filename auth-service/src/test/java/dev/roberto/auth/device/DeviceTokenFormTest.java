package dev.roberto.auth.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The device login over the standard form-encoded OAuth endpoints, as a stock client uses them. */
@QuarkusTest
class DeviceTokenFormTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void authorizationResponseHasRfcFields() {
    given()
        .formParam("client_id", "cli")
        .when()
        .post("/oauth2/device_authorization")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("device_code", matchesPattern("[A-Za-z0-9_-]{43}"))
        .body("user_code", matchesPattern("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"))
        .body("verification_uri", containsString("/device"))
        .body("verification_uri_complete", containsString("user_code="))
        .body("expires_in", equalTo(600))
        .body("interval", equalTo(5));
  }

  @Test
  void missingClientIsInvalidRequest() {
    given()
        .formParam("scope", "openid")
        .when()
        .post("/oauth2/device_authorization")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("error_description", containsString("client_id"));
  }

  @Test
  void unknownClientIsInvalidClient() {
    given()
        .formParam("client_id", "toaster")
        .when()
        .post("/oauth2/device_authorization")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_client"));
  }

  @Test
  void pendingBeforeApproval() {
    String deviceCode = start()[0];

    poll(deviceCode)
        .statusCode(400)
        .body("error", equalTo("authorization_pending"))
        .body("error_description", not(emptyOrNullString()));
  }

  @Test
  void slowDownCarriesGrownInterval() {
    String deviceCode = start()[0];
    poll(deviceCode).body("error", equalTo("authorization_pending"));

    poll(deviceCode)
        .statusCode(400)
        .body("error", equalTo("slow_down"))
        .body("interval", equalTo(10));
    poll(deviceCode).body("error", equalTo("slow_down")).body("interval", equalTo(15));
  }

  @Test
  void expiredCodeIsExpiredToken() {
    String deviceCode = start()[0];

    DeviceFlowSteps.expire(deviceCode);

    poll(deviceCode).statusCode(400).body("error", equalTo("expired_token"));
  }

  @Test
  void deniedLoginIsAccessDenied() {
    String[] codes = start();

    DeviceFlowSteps.deny(DeviceFlowSteps.baseUri(root), codes[1]);

    poll(codes[0]).statusCode(400).body("error", equalTo("access_denied"));
  }

  @Test
  void unknownCodeIsInvalidGrant() {
    poll("unknown-" + Secrets.newSecret()).statusCode(400).body("error", equalTo("invalid_grant"));
  }

  @Test
  void missingCodeIsInvalidRequest() {
    given()
        .formParam("grant_type", DeviceCodeGrant.GRANT_TYPE)
        .formParam("client_id", "cli")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("error_description", containsString("device_code"));
  }

  @Test
  void approvedLoginReturnsTokensOnce() {
    String[] codes = start();
    DeviceFlowSteps.approve(DeviceFlowSteps.baseUri(root), codes[1]);

    poll(codes[0])
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("access_token", matchesPattern("[^.]+\\.[^.]+\\.[^.]+"))
        .body("refresh_token", not(emptyOrNullString()))
        .body("token_type", equalTo("Bearer"));

    poll(codes[0]).statusCode(400).body("error", equalTo("invalid_grant"));
  }

  /** Returns the device code and the user code of a new login. */
  private static String[] start() {
    var response =
        given()
            .formParam("client_id", "cli")
            .when()
            .post("/oauth2/device_authorization")
            .then()
            .statusCode(200)
            .extract();
    return new String[] {response.path("device_code"), response.path("user_code")};
  }

  private static ValidatableResponse poll(String deviceCode) {
    return given()
        .formParam("grant_type", DeviceCodeGrant.GRANT_TYPE)
        .formParam("device_code", deviceCode)
        .formParam("client_id", "cli")
        .when()
        .post("/oauth2/token")
        .then();
  }
}
