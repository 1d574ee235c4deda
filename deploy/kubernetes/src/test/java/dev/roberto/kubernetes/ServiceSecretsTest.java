package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Secret {@code roberto-<service>-env} of each service is referenced, and required where the
 * service does not start without a key from it.
 */
class ServiceSecretsTest {

  private final Manifests base = Manifests.load(Manifests.BASE);

  @ParameterizedTest
  @CsvSource({
    // auth-service encrypts its signing keys, runtime-service signs script URLs and
    // webhook-service encrypts signing secrets with a key from this Secret.
    "auth, true",
    "runtime, true",
    "webhook, true",
    "billing, false",
    "gateway, false",
  })
  void environmentSecretIsReferenced(String shortName, boolean required) {
    RobertoService service = new RobertoService(shortName);
    Node container =
        base.find("Deployment", service.name())
            .orElseThrow()
            .spec()
            .get("template")
            .get("spec")
            .get("containers")
            .get(0);
    String secret = "roberto-" + shortName + "-env";

    List<Node> references =
        container.get("envFrom").items().stream()
            .filter(source -> secret.equals(source.get("secretRef").get("name").text()))
            .toList();

    assertEquals(1, references.size(), service + " does not read the Secret " + secret);
    String optional = references.get(0).get("secretRef").get("optional").text();
    if (required) {
      assertNotEquals("true", optional, service + " must not start without " + secret);
    } else {
      assertEquals("true", optional, service + " should start without " + secret);
    }
  }
}
