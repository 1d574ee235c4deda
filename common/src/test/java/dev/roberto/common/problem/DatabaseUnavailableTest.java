package dev.roberto.common.problem;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.common.outbox.RelaySweepOff;
import dev.roberto.testsupport.LogCapture;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests and readiness while the service's connections to PostgreSQL are cut. The outbox relay's
 * sweep is off, because Hibernate Reactive logs a relay transaction cut mid-flight at ERROR, and
 * the test counts ERROR lines.
 */
@QuarkusTest
@TestProfile(RelaySweepOff.class)
class DatabaseUnavailableTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final LogCapture logs = new LogCapture();

  @BeforeEach
  void captureLogs() {
    logs.start();
  }

  @AfterEach
  void releaseLogsAndDatabase() {
    logs.stop();
    DatabaseLink.shared().restore();
  }

  @Test
  void requestDuringOutageIsRetryableProblem() {
    given().when().get("/probe/database").then().statusCode(200);

    DatabaseLink.shared().cut();
    String correlationId =
        given()
            .when()
            .get("/probe/database")
            .then()
            .statusCode(503)
            .contentType(Problem.MEDIA_TYPE)
            .header("Retry-After", "5")
            .body("code", equalTo("database_unavailable"))
            .body("type", equalTo(Problem.TYPE_BASE + "database_unavailable"))
            .body("retryAfterSeconds", equalTo(5))
            .body("hint", containsString("Retry-After"))
            .body("detail", not(containsString("127.0.0.1")))
            .body("detail", not(containsString("Connection")))
            .body(not(containsString(Integer.toString(DatabaseLink.shared().port()))))
            .body(not(containsString("select")))
            .extract()
            .path("correlationId");

    List<LogRecord> logged =
        logs.records().stream()
            .filter(record -> formatted(record).contains(correlationId))
            .toList();
    assertEquals(1, logged.size(), "log lines with the correlation id");
    assertEquals(Level.WARNING, logged.get(0).getLevel());
    assertEquals(null, logged.get(0).getThrown(), "stack trace of the outage");
  }

  @Test
  void readinessFollowsDatabase() {
    given().when().get("/q/health/ready").then().statusCode(200);

    DatabaseLink.shared().cut();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN")));

    DatabaseLink.shared().restore();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP")));
    given().when().get("/probe/database").then().statusCode(200);
    assertTrue(
        logs.records().stream()
            .noneMatch(record -> record.getLevel().intValue() >= Level.SEVERE.intValue()),
        "ERROR lines during the outage");
  }

  private static String formatted(LogRecord record) {
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    return parameters == null ? message : message + " " + java.util.Arrays.toString(parameters);
  }
}
