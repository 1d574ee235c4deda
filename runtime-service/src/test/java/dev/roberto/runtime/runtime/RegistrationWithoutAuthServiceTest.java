package dev.roberto.runtime.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.FreePorts;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Registration while auth-service cannot issue credentials: tokens are still checked against the
 * real auth-service, but the credential call goes to a loopback port where nothing listens.
 */
@QuarkusTest
@TestProfile(RegistrationWithoutAuthServiceTest.CredentialCallRefused.class)
class RegistrationWithoutAuthServiceTest {

  /** Points only the credential client at a closed port. */
  public static class CredentialCallRefused implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.rest-client.auth-service.url", "http://127.0.0.1:" + FreePorts.pick());
    }
  }

  @Test
  void failedCredentialLeavesNoRuntime() {
    String name = "host-" + UUID.randomUUID().toString().substring(0, 8);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .when()
        .post("/api/runtime/runtimes")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5")
        .body("code", equalTo("runtime_credential_unavailable"))
        .body("hint", containsString("Try again"));

    assertEquals(0, TestDatabase.count("SELECT count(*) FROM runtime WHERE name = ?", name));
    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .when()
        .get("/api/runtime/runtimes")
        .then()
        .statusCode(200)
        .body("name", not(hasItem(name)));
  }
}
