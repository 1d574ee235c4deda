package dev.roberto.runtime.grant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.runtime.UpdateFixtures;
import dev.roberto.runtime.UpdateFixtures.TestRuntime;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GrantIssueTest {

  @Test
  void adminIssuesGrantStoredAsHash() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "1.2.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    JsonPath grant =
        UpdateFixtures.issueGrant(runtime.id(), "agent-7", channel, "1.2.0", false)
            .then()
            .statusCode(201)
            .header("Cache-Control", "no-store")
            .body("grantToken", startsWith("rgt_"))
            .body("runtimeId", equalTo(runtime.id()))
            .body("agentId", equalTo("agent-7"))
            .body("targetVersion", equalTo("1.2.0"))
            .body("rollback", equalTo(false))
            .extract()
            .jsonPath();

    String token = grant.getString("grantToken");
    byte[] random = Base64.getUrlDecoder().decode(token.substring("rgt_".length()));
    assertEquals(32, random.length);
    Duration lifetime =
        Duration.between(
            Instant.parse(grant.getString("issuedAt")),
            Instant.parse(grant.getString("expiresAt")));
    assertEquals(Duration.ofHours(1), lifetime);
    Map<String, Object> row =
        TestDatabase.rows(
                "select * from update_grant where id = ?", UUID.fromString(grant.getString("id")))
            .get(0);
    assertEquals(UpdateFixtures.sha256Hex(token.getBytes()), row.get("token_sha256"));
    for (Object value : row.values()) {
      assertFalse(String.valueOf(value).contains(token.substring(4)), "token stored in " + row);
    }

    String listed =
        given()
            .auth()
            .oauth2(TestUsers.accessToken("admin"))
            .when()
            .get(UpdateFixtures.GRANTS)
            .then()
            .statusCode(200)
            .body("id", hasItem(grant.getString("id")))
            .extract()
            .asString();
    assertFalse(listed.contains(token));
    assertTrue(listed.contains("\"usedAt\":null"));
  }

  @Test
  void grantNeedsRegisteredRuntimeAndPublishedRelease() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "1.2.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    UpdateFixtures.issueGrant(UUID.randomUUID().toString(), "agent-7", channel, "1.2.0", false)
        .then()
        .statusCode(404)
        .body("code", equalTo("runtime_not_found"));
    UpdateFixtures.issueGrant(runtime.id(), "agent-7", channel, "1.3.0", false)
        .then()
        .statusCode(404)
        .body("code", equalTo("release_not_found"));
    // The runtime itself has no release 1.2.0 on the channel, only the agents do.
    UpdateFixtures.issueGrant(runtime.id(), null, channel, "1.2.0", false)
        .then()
        .statusCode(404)
        .body("code", equalTo("release_not_found"));
  }

  @Test
  void lifetimeIsBounded() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "1.2.0", 100);
    TestRuntime runtime = UpdateFixtures.registerRuntime();

    for (long seconds : new long[] {30, Duration.ofDays(8).toSeconds()}) {
      given()
          .auth()
          .oauth2(TestUsers.accessToken("admin"))
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "runtimeId",
                  runtime.id(),
                  "agentId",
                  "agent-7",
                  "channel",
                  channel,
                  "targetVersion",
                  "1.2.0",
                  "expiresInSeconds",
                  seconds))
          .when()
          .post(UpdateFixtures.GRANTS)
          .then()
          .statusCode(422)
          .body("code", equalTo("validation_failed"))
          .body("errors.field", hasItem("expiresInSeconds"));
    }
  }

  @Test
  void memberCannotIssueOrList() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "runtimeId", UUID.randomUUID().toString(),
                "channel", "stable",
                "targetVersion", "1.0.0"))
        .when()
        .post(UpdateFixtures.GRANTS)
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .when()
        .get(UpdateFixtures.GRANTS)
        .then()
        .statusCode(403)
        .body("code", not(equalTo("runtime_token_invalid")))
        .body("hint", notNullValue());
  }
}
