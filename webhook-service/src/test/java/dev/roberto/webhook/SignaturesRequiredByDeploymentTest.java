package dev.roberto.webhook;

import static dev.roberto.webhook.Deliveries.post;
import static dev.roberto.webhook.Deliveries.usage;
import static org.hamcrest.Matchers.equalTo;

import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SignaturesRequiredByDeploymentTest.Required.class)
class SignaturesRequiredByDeploymentTest {

  /** The production default: every delivery must be signed. */
  public static class Required implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "roberto.webhook.signatures.required", "true",
          "%test.roberto.webhook.signatures.required", "true");
    }
  }

  @Test
  void unsignedDeliveryIsRejected() {
    String agentId = TestAgents.create(UUID.randomUUID().toString());

    post(agentId, usage(1))
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("signature_required"));
  }
}
