package dev.roberto.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

  private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
  private final Handler errorCapture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureErrors() {
    Logger.getLogger("").addHandler(errorCapture);
  }

  @AfterEach
  void releaseErrors() {
    Logger.getLogger("").removeHandler(errorCapture);
  }

  @Test
  void malformedJsonIsBadRequest() {
    given()
        .contentType("application/json")
        .body("{\"name\": \"a\", ")
        .when()
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("code", equalTo("malformed_json"))
        .body("status", equalTo(400))
        .body("type", equalTo(Problem.TYPE_BASE + "malformed_json"))
        .body("hint", containsString("well-formed JSON"));
  }

  @Test
  void missingBodyIsValidationFailure() {
    given()
        .contentType("application/json")
        .body("")
        .when()
        .post("/probe")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItems("order"));
  }

  @Test
  void wrongTypeNamesTheField() {
    given()
        .contentType("application/json")
        .body("{\"name\": \"a\", \"quantity\": \"many\"}")
        .when()
        .post("/probe")
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_request_body"))
        .body("errors.field", hasItems("quantity"));
  }

  @Test
  void constraintViolationsListEachField() {
    given()
        .contentType("application/json")
        .body("{\"name\": \"\", \"quantity\": 0}")
        .when()
        .post("/probe")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItems("name", "quantity"))
        .body("hint", notNullValue());
  }

  @Test
  void unexpectedFailureLoggedOnceWithCorrelationId() {
    String correlationId =
        given()
            .when()
            .get("/probe/failure")
            .then()
            .statusCode(500)
            .contentType(Problem.MEDIA_TYPE)
            .body("code", equalTo("internal_error"))
            .body("detail", not(containsString("secret")))
            .extract()
            .path("correlationId");

    List<LogRecord> matching =
        errors.stream().filter(record -> formatted(record).contains(correlationId)).toList();
    assertEquals(1, matching.size(), "ERROR lines with the correlation id");
  }

  @Test
  void problemExceptionKeepsExtensions() {
    given()
        .when()
        .get("/probe/conflict")
        .then()
        .statusCode(409)
        .body("code", equalTo("probe_conflict"))
        .body("retryAfter", equalTo(5))
        .body("hint", equalTo("Try again later."));
  }

  @Test
  void retryAfterSecondsBecomesHeader() {
    given()
        .when()
        .get("/probe/unavailable")
        .then()
        .statusCode(503)
        .header("Retry-After", "7")
        .body("code", equalTo("probe_unavailable"))
        .body("retryAfterSeconds", equalTo(7));
  }

  @Test
  void unknownRouteIsNotFound() {
    given()
        .when()
        .get("/nowhere/at/all")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("code", equalTo("not_found"))
        .body("detail", containsString("/nowhere/at/all"));
  }

  @Test
  void wrongMethodIsMethodNotAllowed() {
    given()
        .when()
        .delete("/probe")
        .then()
        .statusCode(405)
        .contentType(Problem.MEDIA_TYPE)
        .body("code", equalTo("method_not_allowed"));
  }

  @Test
  void wrongContentTypeIsUnsupported() {
    given()
        .contentType("text/plain")
        .body("name=a")
        .when()
        .post("/probe")
        .then()
        .statusCode(415)
        .body("code", equalTo("unsupported_media_type"));
  }

  @Test
  void callerRequestIdIsKept() {
    given()
        .header("X-Request-Id", "req-42")
        .when()
        .get("/nowhere")
        .then()
        .header("X-Request-Id", equalTo("req-42"))
        .body("correlationId", equalTo("req-42"));
  }

  private static String formatted(LogRecord record) {
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    return parameters == null ? message : message + " " + java.util.Arrays.toString(parameters);
  }
}
