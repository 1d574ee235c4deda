package dev.roberto.runtime.release;

import static dev.roberto.runtime.UpdateFixtures.RELEASES;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.runtime.UpdateFixtures;
import dev.roberto.runtime.UpdateFixtures.Script;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReleasePublishTest {

  @Test
  void adminPublishesReleaseWithScripts() {
    String channel = UpdateFixtures.uniqueChannel();
    Map<String, Object> body =
        UpdateFixtures.releaseBody(
            "agent",
            channel,
            "1.4.0",
            25,
            new Script("stop.sh", "echo stop\n"),
            new Script("install.sh", "echo install\n"));

    String id =
        given()
            .auth()
            .oauth2(TestUsers.accessToken("admin"))
            .contentType(ContentType.JSON)
            .body(body)
            .when()
            .post(RELEASES)
            .then()
            .statusCode(201)
            .header("Location", containsString(RELEASES + "/"))
            .body("component", equalTo("agent"))
            .body("channel", equalTo(channel))
            .body("version", equalTo("1.4.0"))
            .body("rolloutPercent", equalTo(25))
            .body("scripts.name", contains("stop.sh", "install.sh"))
            .body("scripts[0].size", equalTo(10))
            .body(
                "scripts[0].sha256",
                equalTo(UpdateFixtures.sha256Hex("echo stop\n".getBytes(StandardCharsets.UTF_8))))
            .extract()
            .path("id");

    List<Map<String, Object>> stored =
        TestDatabase.rows(
            "select name, body from release_script where release_id = ? order by position",
            UUID.fromString(id));
    assertEquals("stop.sh", stored.get(0).get("name"));
    assertArrayEquals(
        "echo stop\n".getBytes(StandardCharsets.UTF_8), (byte[]) stored.get(0).get("body"));
  }

  @Test
  void memberListsReleasesNewestFirst() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("runtime", channel, "1.2.0", 100);
    UpdateFixtures.publish("runtime", channel, "1.10.0", 100);
    UpdateFixtures.publish("runtime", channel, "1.10.0-rc.1", 100);
    UpdateFixtures.publish("agent", channel, "9.0.0", 100);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .queryParam("component", "runtime")
        .queryParam("channel", channel)
        .when()
        .get(RELEASES)
        .then()
        .statusCode(200)
        .body("version", contains("1.10.0", "1.10.0-rc.1", "1.2.0"));
  }

  @Test
  void sameVersionTwiceIsConflict() {
    String channel = UpdateFixtures.uniqueChannel();
    UpdateFixtures.publish("agent", channel, "2.0.0", 100);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(
            UpdateFixtures.releaseBody(
                "agent", channel, "2.0.0", 100, new Script("install.sh", "echo again\n")))
        .when()
        .post(RELEASES)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("release_exists"))
        .body("hint", notNullValue());
  }

  @Test
  void wrongHashIsRejected() {
    Map<String, Object> body =
        UpdateFixtures.releaseBody(
            "agent",
            UpdateFixtures.uniqueChannel(),
            "1.0.0",
            100,
            new Script("install.sh", "echo install\n"));
    @SuppressWarnings("unchecked")
    Map<String, Object> script = ((List<Map<String, Object>>) body.get("scripts")).get(0);
    script.put("sha256", "0".repeat(64));

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(RELEASES)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("script_hash_mismatch"))
        .body("errors.field", hasItem("scripts[0].sha256"))
        .body("hint", containsString("sha256sum"));
  }

  @Test
  void wrongSizeIsRejected() {
    Map<String, Object> body =
        UpdateFixtures.releaseBody(
            "agent",
            UpdateFixtures.uniqueChannel(),
            "1.0.0",
            100,
            new Script("install.sh", "echo install\n"));
    @SuppressWarnings("unchecked")
    Map<String, Object> script = ((List<Map<String, Object>>) body.get("scripts")).get(0);
    script.put("size", 3);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(RELEASES)
        .then()
        .statusCode(422)
        .body("code", equalTo("script_size_mismatch"))
        .body("errors.field", hasItem("scripts[0].size"));
  }

  @Test
  void invalidVersionAndPercentAreValidationProblems() {
    Map<String, Object> body =
        UpdateFixtures.releaseBody(
            "agent",
            UpdateFixtures.uniqueChannel(),
            "v1.0",
            101,
            new Script("install.sh", "echo install\n"));

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(RELEASES)
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("version"))
        .body("errors.field", hasItem("rolloutPercent"));
  }

  @Test
  void duplicateScriptNameIsValidationProblem() {
    Map<String, Object> body =
        UpdateFixtures.releaseBody(
            "agent",
            UpdateFixtures.uniqueChannel(),
            "1.0.0",
            100,
            new Script("install.sh", "echo one\n"),
            new Script("install.sh", "echo two\n"));

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(RELEASES)
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("scripts[1].name"));
  }

  @Test
  void memberCannotPublish() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .contentType(ContentType.JSON)
        .body(
            UpdateFixtures.releaseBody(
                "agent",
                UpdateFixtures.uniqueChannel(),
                "1.0.0",
                100,
                new Script("install.sh", "echo\n")))
        .when()
        .post(RELEASES)
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void adminChangesRollout() {
    String id = UpdateFixtures.publish("agent", UpdateFixtures.uniqueChannel(), "1.0.0", 10);

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("rolloutPercent", 60))
        .when()
        .patch(RELEASES + "/" + id)
        .then()
        .statusCode(200)
        .body("rolloutPercent", equalTo(60));

    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("rolloutPercent", 60))
        .when()
        .patch(RELEASES + "/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("code", equalTo("release_not_found"));
  }
}
