package dev.roberto.runtime.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.runtime.TestRuntimes;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.ForeignTokens;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Runtime registration, with tokens from the real auth-service checked by quarkus-oidc against its
 * discovery document and JWKS.
 */
@QuarkusTest
class RuntimeRegistrationTest {

  private static final String RUNTIMES = "/api/runtime/runtimes";

  @Test
  void ownerRegistersAndListsRuntime() {
    String name = uniqueName();

    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(201)
        .header("Location", containsString(RUNTIMES + "/"))
        .body("id", notNullValue())
        .body("name", equalTo(name))
        .body("workspaceId", equalTo(TestUsers.workspaceId()));

    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get(RUNTIMES)
        .then()
        .statusCode(200)
        .body("name", hasItem(name));
  }

  @Test
  void registrationReturnsWorkingCredential() {
    JsonPath registered = TestRuntimes.register();
    String runtimeId = registered.getString("id");
    String clientId = registered.getString("credential.clientId");
    String clientSecret = registered.getString("credential.clientSecret");

    assertNotNull(clientId, "credential.clientId");
    assertNotNull(clientSecret, "credential.clientSecret");
    assertEquals(clientId, registered.getString("credentialClientId"));

    String runtimeToken = TestRuntimes.runtimeAccessToken(clientId, clientSecret);
    given()
        .baseUri(AuthServiceProcess.shared().url())
        .auth()
        .oauth2(runtimeToken)
        .when()
        .get("/api/auth/whoami")
        .then()
        .statusCode(200)
        .body("runtimeId", equalTo(runtimeId))
        .body("workspaceId", equalTo(TestUsers.workspaceId()));
  }

  @Test
  void listShowsClientIdWithoutSecret() {
    JsonPath registered = TestRuntimes.register();
    String name = registered.getString("name");

    Map<String, Object> listed =
        given()
            .auth()
            .oauth2(TestUsers.accessToken("admin"))
            .when()
            .get(RUNTIMES)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("find { it.name == '" + name + "' }");

    assertEquals(registered.getString("credential.clientId"), listed.get("credentialClientId"));
    assertFalse(listed.containsKey("credential"), "listed runtime carries no credential");
    assertFalse(
        listed.toString().contains(registered.getString("credential.clientSecret")),
        "listed runtime carries no secret");
  }

  @Test
  void secretNeverLogged() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new CapturingHandler(lines);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    JsonPath registered;
    try {
      registered = TestRuntimes.register();
    } finally {
      root.removeHandler(capture);
    }
    String secret = registered.getString("credential.clientSecret");

    assertTrue(
        lines.stream().anyMatch(line -> line.contains("Registered runtime")),
        "the registration was logged: " + lines);
    for (String line : lines) {
      assertFalse(line.contains(secret), line);
    }
    String authLog = Files.readString(AuthServiceProcess.shared().logFile());
    assertFalse(authLog.contains(secret), "auth-service log contains the secret");
  }

  @Test
  void registrationStoredInDatabase() {
    String name = uniqueName();

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(201);

    List<Map<String, Object>> rows =
        TestDatabase.rows("select workspace_id, registered_by from runtime where name = ?", name);
    assertEquals(1, rows.size());
    assertEquals(TestUsers.workspaceId(), rows.get(0).get("workspace_id").toString());
  }

  @Test
  void memberCannotRegister() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", uniqueName()))
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("forbidden"))
        .body("hint", containsString("owner or admin"));
  }

  @Test
  void missingTokenIsUnauthorized() {
    given()
        .when()
        .get(RUNTIMES)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("code", equalTo("token_required"))
        .body("hint", containsString("roberto auth login"));
  }

  @Test
  void tokenFromUnknownKeyIsUnauthorized() {
    String foreign =
        ForeignTokens.signedByUnknownKey(
            AuthServiceProcess.shared().issuer(),
            UUID.randomUUID().toString(),
            TestUsers.workspaceId(),
            List.of("owner"));

    given()
        .auth()
        .oauth2(foreign)
        .when()
        .get(RUNTIMES)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_token"));
  }

  @Test
  void expiredTokenIsUnauthorized() {
    // A second auth-service replica on the same database signs with the same keys, but its tokens
    // live one second.
    AuthServiceProcess shortLived =
        AuthServiceProcess.shared()
            .startReplica(Map.of("roberto.auth.access-token-lifetime", "PT1S"));
    try {
      String token =
          DeviceLogin.tokensFor(
                  shortLived.url(),
                  AuthServiceProcess.OWNER_EMAIL,
                  AuthServiceProcess.OWNER_PASSWORD)
              .accessToken();

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .auth()
                      .oauth2(token)
                      .when()
                      .get(RUNTIMES)
                      .then()
                      .statusCode(401)
                      .contentType("application/problem+json")
                      .body("code", equalTo("token_expired"))
                      .body("hint", containsString("roberto auth refresh")));
    } finally {
      shortLived.stop();
    }
  }

  @Test
  void malformedJsonIsBadRequest() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body("{\"name\": ")
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("malformed_json"))
        .body("hint", notNullValue());
  }

  @Test
  void invalidNameIsValidationProblem() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", " spaces and / slashes"))
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("name"));
  }

  @Test
  void duplicateNameIsConflict() {
    String name = uniqueName();
    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(201);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .when()
        .post(RUNTIMES)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("runtime_name_taken"))
        .body("hint", containsString("roberto runtime list"));
  }

  private static String uniqueName() {
    return "host-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Keeps every log record as text, its stack trace included. */
  private static final class CapturingHandler extends Handler {

    private final List<String> lines;
    private final SimpleFormatter formatter = new SimpleFormatter();

    CapturingHandler(List<String> lines) {
      this.lines = lines;
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      StringWriter text = new StringWriter();
      text.append(formatter.formatMessage(record));
      if (record.getThrown() != null) {
        record.getThrown().printStackTrace(new PrintWriter(text));
      }
      lines.add(text.toString());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
