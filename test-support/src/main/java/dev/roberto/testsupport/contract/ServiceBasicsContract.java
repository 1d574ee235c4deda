package dev.roberto.testsupport.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * Checks of the basics every Roberto service offers from its first day: readiness that covers
 * PostgreSQL and Kafka, problem+json for unknown routes, Prometheus metrics and an OpenAPI
 * document. A service's test class extends this one and carries {@code @QuarkusTest}.
 */
public abstract class ServiceBasicsContract {

  /** The service's public API prefix, such as {@code /api/billing}. */
  protected abstract String apiPrefix();

  @Test
  void readyWithDatabaseAndKafka() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
        .body("checks.name", hasItem(containsString("Reactive Messaging")));
  }

  @Test
  void unknownRouteIsNotFoundProblem() {
    given()
        .when()
        .get(apiPrefix() + "/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("not_found"))
        .body("detail", containsString(apiPrefix() + "/no-such-thing"))
        .body("hint", containsString("/q/openapi"));
  }

  @Test
  void metricsServedForPrometheus() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void openApiDocumentServed() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", containsString("3."));
  }
}
