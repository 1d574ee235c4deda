package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceReadinessTest {

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
        .get("/api/auth/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("not_found"))
        .body("hint", containsString("/q/openapi"));
  }

  @Test
  void metricsAndOpenApiAreServed() {
    given().when().get("/q/metrics").then().statusCode(200);
    given().accept("application/json").when().get("/q/openapi").then().statusCode(200);
  }
}
