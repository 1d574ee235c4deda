package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the flows that handle secrets, then scans the test log file for any of them. */
@QuarkusTest
class LogSecretsTest {

  private static final Path LOG = Path.of("target/quarkus.log");

  @Inject TestAccounts testAccounts;

  @Test
  void logContainsNoSecret() throws Exception {
    List<String> secrets =
        new ArrayList<>(List.of("bootstrap-test-password", TestAccounts.PASSWORD));
    TestAccounts.Account account = testAccounts.signUp("log");
    secrets.add(account.tokens().accessToken());
    secrets.add(account.tokens().refreshToken());

    JsonPath refreshed =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("refreshToken", account.tokens().refreshToken()))
            .when()
            .post("/api/auth/refresh")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    secrets.add(refreshed.getString("accessToken"));
    secrets.add(refreshed.getString("refreshToken"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("refreshToken", account.tokens().refreshToken()))
        .when()
        .post("/api/auth/refresh")
        .then()
        .statusCode(200);

    JsonPath credential =
        given()
            .header("Authorization", account.bearer())
            .contentType(ContentType.JSON)
            .body(Map.of("runtimeId", "rt-log"))
            .when()
            .post("/api/auth/runtime-credentials")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    secrets.add(credential.getString("clientSecret"));
    given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", credential.getString("clientId"))
        .formParam("client_secret", "rts_wrong-secret-for-log-test")
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(401);
    secrets.add("rts_wrong-secret-for-log-test");
    secrets.add("service-test-secret");

    assertTrue(Files.exists(LOG), "the test profile writes " + LOG);
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertTrue(log.contains("Registered runtime credential"), "the log covers these flows");
    for (String secret : secrets) {
      assertFalse(log.contains(secret), "a secret of length " + secret.length() + " is in the log");
    }
  }
}
