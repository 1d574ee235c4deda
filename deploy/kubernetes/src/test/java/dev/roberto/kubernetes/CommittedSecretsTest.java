package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret value sits in deploy/kubernetes: no Secret object, no secret generator, no credential
 * in a literal environment variable, a ConfigMap or a URL. Secrets are referenced by name only.
 */
class CommittedSecretsTest {

  /** Names of environment variables or ConfigMap keys that contain credentials. */
  static final Pattern SENSITIVE_NAME =
      Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

  /** A URL with a password in its user info, or a password query parameter. */
  static final Pattern CREDENTIAL_IN_VALUE =
      Pattern.compile("(?i)(://[^/@\\s]+:[^/@\\s]+@|[?&]password=)");

  private static final List<Path> FOLDERS = List.of(Manifests.BASE, Manifests.EXAMPLE_OVERLAY);

  @Test
  void noSecretObjectOrGenerator() throws IOException {
    for (Path file : yamlFiles()) {
      for (Node document : Manifests.loadDocuments(file)) {
        assertFalse(
            "Secret".equals(document.get("kind").text()), file + " contains a Secret object");
        assertTrue(
            document.get("secretGenerator").isMissing(), file + " generates a Secret from values");
      }
    }
  }

  @Test
  void sensitiveVariablesComeFromSecrets() throws IOException {
    for (Path file : yamlFiles()) {
      for (Node document : Manifests.loadDocuments(file)) {
        Node containers = document.get("spec").get("template").get("spec").get("containers");
        for (Node container : containers.items()) {
          for (Node variable : container.get("env").items()) {
            String name = variable.get("name").text();
            if (SENSITIVE_NAME.matcher(name).matches()) {
              assertTrue(
                  variable.get("value").isMissing(), variable.path() + " has a literal value");
              assertFalse(
                  variable.get("valueFrom").get("secretKeyRef").isMissing(),
                  variable.path() + " (" + name + ") does not come from a Secret");
            }
          }
        }
      }
    }
  }

  @Test
  void configMapsHoldNoCredentials() {
    for (Path folder : FOLDERS) {
      Manifests manifests = Manifests.load(folder);
      for (Node generator : manifests.kustomization().get("configMapGenerator").items()) {
        String configMap = generator.get("name").text();
        Map<String, String> data = manifests.generatedConfigMap(configMap);
        data.forEach(
            (key, value) -> {
              assertFalse(
                  SENSITIVE_NAME.matcher(key).matches(),
                  folder + ": ConfigMap " + configMap + " holds " + key + "; use a Secret");
              assertFalse(
                  CREDENTIAL_IN_VALUE.matcher(value).find(),
                  folder + ": ConfigMap " + configMap + " has a credential in " + key);
            });
      }
    }
  }

  @Test
  void credentialPatternsRecogniseExamples() {
    assertTrue(SENSITIVE_NAME.matcher("QUARKUS_DATASOURCE_PASSWORD").matches());
    assertTrue(SENSITIVE_NAME.matcher("ROBERTO_STRIPE_API_KEY").matches());
    assertFalse(SENSITIVE_NAME.matcher("KAFKA_BOOTSTRAP_SERVERS").matches());
    assertTrue(CREDENTIAL_IN_VALUE.matcher("postgresql://roberto:hunter2@db:5432/x").find());
    assertTrue(CREDENTIAL_IN_VALUE.matcher("jdbc:postgresql://db/x?user=a&password=b").find());
    assertFalse(CREDENTIAL_IN_VALUE.matcher("postgresql://roberto-postgres-rw:5432/x").find());
  }

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("."))) {
      return files
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .filter(file -> !file.startsWith(Path.of(".", "target")))
          .toList();
    }
  }
}
