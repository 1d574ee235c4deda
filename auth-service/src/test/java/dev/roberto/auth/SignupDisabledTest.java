package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SignupDisabledTest.SignupOff.class)
class SignupDisabledTest {

  @Test
  void signupRejectedWhenDisabled() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email", "late@example.test",
                "password", "a-long-test-password",
                "displayName", "Late"))
        .when()
        .post("/api/auth/signup")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("signup_disabled"))
        .body("hint", equalTo("Ask an owner or admin of a workspace to add you."));
  }

  /** Sign-up switched off by configuration. */
  public static class SignupOff implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("roberto.auth.signup.enabled", "false");
    }
  }
}
