package dev.roberto.webhook;

import static dev.roberto.webhook.Deliveries.post;
import static dev.roberto.webhook.Deliveries.postSigned;
import static dev.roberto.webhook.Deliveries.usage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a workspace that requires signatures; the deployment itself does not. */
@QuarkusTest
@TestSecurity(user = "user-sig", roles = "owner")
@OidcSecurity(claims = @Claim(key = "workspace", value = SignatureTest.WORKSPACE))
class SignatureTest {

  static final String WORKSPACE = "5b0d3c1e-8f0a-4c1e-9a51-7d1f00000001";

  private String agentId;
  private String secret;

  @BeforeEach
  void createSignedAgent() {
    given()
        .contentType("application/json")
        .body("{\"signaturesRequired\":true}")
        .put("/api/webhooks/settings")
        .then()
        .statusCode(200)
        .body("signaturesRequired", equalTo(true));
    agentId = TestAgents.create(WORKSPACE);
    secret = createSecret(agentId).extract().path("secret");
  }

  @Test
  void unsignedDeliveryIsRejected() {
    post(agentId, usage(1))
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("signature_required"));
  }

  @Test
  void signedDeliveryIsAccepted() {
    postSigned(agentId, secret, usage(1)).statusCode(202);
  }

  @Test
  void wrongSignatureIsRejected() {
    byte[] body = usage(1).getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();

    send(body, "t=" + now + ",v1=" + Deliveries.v1("whsec_wrong", now, body))
        .statusCode(401)
        .body("code", equalTo("signature_invalid"));
  }

  @Test
  void signatureOfOtherBodyIsRejected() {
    byte[] signed = usage(1).getBytes(StandardCharsets.UTF_8);
    byte[] sent = usage(1000).getBytes(StandardCharsets.UTF_8);

    send(sent, Deliveries.signature(secret, signed))
        .statusCode(401)
        .body("code", equalTo("signature_invalid"));
  }

  @Test
  void malformedHeaderIsRejected() {
    send(usage(1).getBytes(StandardCharsets.UTF_8), "v1=abc")
        .statusCode(401)
        .body("code", equalTo("signature_invalid"));
  }

  @Test
  void staleSignatureIsRejected() {
    byte[] body = usage(1).getBytes(StandardCharsets.UTF_8);
    long stale = Instant.now().getEpochSecond() - 301;

    send(body, "t=" + stale + ",v1=" + Deliveries.v1(secret, stale, body))
        .statusCode(401)
        .body("code", equalTo("signature_expired"));
  }

  @Test
  void futureSignatureIsRejected() {
    byte[] body = usage(1).getBytes(StandardCharsets.UTF_8);
    // A minute past the 5-minute tolerance, so that a slow request cannot bring it back inside.
    long future = Instant.now().getEpochSecond() + 360;

    send(body, "t=" + future + ",v1=" + Deliveries.v1(secret, future, body))
        .statusCode(401)
        .body("code", equalTo("signature_expired"));
  }

  @Test
  void nonAsciiBodyVerifiesOverUtf8Bytes() {
    String body = usage(1).replace("\"r-1\"", "\"Grüße aus Zürich, 東京 🚀\"");

    postSigned(agentId, secret, body).statusCode(202);
  }

  @Test
  void spacesAroundEntriesAreTolerated() {
    byte[] body = usage(1).getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();

    send(body, " t=" + now + ", v1=" + Deliveries.v1(secret, now, body) + " ").statusCode(202);
  }

  @Test
  void anyOfSeveralSignaturesMayMatch() {
    byte[] body = usage(1).getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String wrong = Deliveries.v1("whsec_old", now, body);

    send(body, "t=" + now + ",v1=" + wrong + ",v1=" + Deliveries.v1(secret, now, body))
        .statusCode(202);
  }

  @Test
  void rotatedSecretStaysValidDuringOverlap() {
    String oldId = firstSecretId();
    String newSecret =
        given()
            .post(secretsPath(agentId) + "/" + oldId + "/rotate")
            .then()
            .statusCode(201)
            .extract()
            .path("secret");

    postSigned(agentId, secret, usage(1)).statusCode(202);
    postSigned(agentId, newSecret, usage(1)).statusCode(202);
  }

  @Test
  void rotatedSecretFailsAfterOverlap() {
    String oldId = firstSecretId();
    String newSecret =
        given()
            .post(secretsPath(agentId) + "/" + oldId + "/rotate")
            .then()
            .statusCode(201)
            .extract()
            .path("secret");
    TestDatabase.update(
        "UPDATE signing_secret SET expires_at = now() - interval '1 second' WHERE secret_id = ?",
        oldId);

    postSigned(agentId, secret, usage(1))
        .statusCode(401)
        .body("code", equalTo("signature_invalid"));
    postSigned(agentId, newSecret, usage(1)).statusCode(202);
  }

  @Test
  void revokedSecretIsRejected() {
    given().delete(secretsPath(agentId) + "/" + firstSecretId()).then().statusCode(204);

    postSigned(agentId, secret, usage(1))
        .statusCode(401)
        .body("code", equalTo("signature_invalid"));
  }

  @Test
  void workspaceWithoutRequirementAcceptsUnsigned() {
    given()
        .contentType("application/json")
        .body("{\"signaturesRequired\":false}")
        .put("/api/webhooks/settings")
        .then()
        .statusCode(200);

    post(agentId, usage(1)).statusCode(202);
    postSigned(agentId, "whsec_wrong", usage(1))
        .statusCode(401)
        .body("code", equalTo("signature_invalid"));
  }

  static ValidatableResponse createSecret(String agentId) {
    return given().post(secretsPath(agentId)).then().statusCode(201);
  }

  static String secretsPath(String agentId) {
    return "/api/webhooks/agents/" + agentId + "/signing-secrets";
  }

  private String firstSecretId() {
    return given().get(secretsPath(agentId)).then().statusCode(200).extract().path("[0].id");
  }

  private ValidatableResponse send(byte[] body, String signature) {
    return Deliveries.request(agentId)
        .header("x-roberto-signature", signature)
        .body(body)
        .post(Deliveries.USAGE)
        .then();
  }
}
