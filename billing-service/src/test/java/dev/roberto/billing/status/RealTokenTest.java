package dev.roberto.billing.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Billing endpoints with access tokens from the real auth-service. */
@QuarkusTest
class RealTokenTest {

  @Test
  void memberReadsStatusOfOwnWorkspace() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .get("/api/billing/status")
        .then()
        .statusCode(200)
        .body("workspaceId", equalTo(TestUsers.workspaceId()))
        .body("entitlements.provision", equalTo(true));
  }

  @Test
  void memberCannotOpenCheckout() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("member"))
        .post("/api/billing/checkout")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void adminCreditsCheckoutIsValidated() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType("application/json")
        .body("{\"amount\": -5}")
        .post("/api/billing/credits-checkout")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void ownerSummaryOfWorkspace() {
    given()
        .auth()
        .oauth2(TestUsers.accessToken("owner"))
        .get("/api/billing/summary")
        .then()
        .statusCode(200)
        .body("workspaceId", equalTo(TestUsers.workspaceId()));
  }

  @Test
  void forgedTokenIsRejected() {
    given()
        .auth()
        .oauth2("not-a-token")
        .get("/api/billing/status")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }
}
