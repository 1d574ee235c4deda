package dev.roberto.runtime;

import static io.restassured.RestAssured.given;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** Runtimes registered through the API, and the access tokens their credentials obtain. */
public final class TestRuntimes {

  private TestRuntimes() {}

  /** Registers a runtime with a fresh name as the test workspace's owner; returns the 201 body. */
  public static JsonPath register() {
    return register(TestUsers.accessToken("owner"), "host-" + shortId());
  }

  public static JsonPath register(String accessToken, String name) {
    return given()
        .auth()
        .oauth2(accessToken)
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .when()
        .post("/api/runtime/runtimes")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Registers a runtime and returns its id. */
  public static String registerId() {
    return register().getString("id");
  }

  /**
   * Exchanges a runtime credential for a runtime access token at auth-service's token endpoint, as
   * the runtime host does.
   */
  public static String runtimeAccessToken(String clientId, String clientSecret) {
    return given()
        .baseUri(AuthServiceProcess.shared().url())
        .auth()
        .preemptive()
        .basic(clientId, clientSecret)
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  public static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
