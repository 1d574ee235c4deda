package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget in base/. */
class ServiceWorkloadTest {

  static final List<RobertoService> SERVICES = RobertoService.ALL;

  private final Manifests base = Manifests.load(Manifests.BASE);

  @ParameterizedTest
  @FieldSource("SERVICES")
  void everyWorkloadObjectExists(RobertoService service) {
    for (String kind :
        List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
      assertTrue(base.find(kind, service.name()).isPresent(), kind + " " + service + " missing");
    }
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void serviceTargetsHttpPort(RobertoService service) {
    Workload workload = workload(service);
    Node port = serviceResource(service).spec().get("ports").get(0);

    Integer target = workload.containerPort(port.get("targetPort").text());

    assertEquals(service.httpPort(), target, port.path() + ".targetPort is not quarkus.http.port");
    assertSelects(
        serviceResource(service).spec().get("selector"), workload.podLabels(), service.name());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void probesUseHealthEndpointsOnServicePort(RobertoService service) {
    Workload workload = workload(service);
    String targetPort =
        serviceResource(service).spec().get("ports").get(0).get("targetPort").text();
    Integer servicePort = workload.containerPort(targetPort);
    Map<String, String> paths =
        Map.of(
            "startupProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    paths.forEach(
        (probe, path) -> {
          Node httpGet = workload.container().get(probe).get("httpGet");
          assertEquals(path, httpGet.get("path").text(), httpGet.path() + ".path");
          String port = httpGet.get("port").text();
          assertNotNull(port, httpGet.path() + ".port missing");
          assertEquals(
              servicePort,
              workload.containerPort(port),
              httpGet.path() + ".port is not the port the Service targets");
        });
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void containerIsLimitedAndLockedDown(RobertoService service) {
    Workload workload = workload(service);
    Node resources = workload.container().get("resources");
    Node podSecurity = workload.podSpec().get("securityContext");
    Node containerSecurity = workload.container().get("securityContext");

    for (String bound : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        assertFalse(
            resources.get(bound).get(resource).isMissing(),
            resources.path() + "." + bound + "." + resource + " missing");
      }
    }
    assertEquals("true", podSecurity.get("runAsNonRoot").text(), podSecurity.path());
    assertEquals(
        "true", containerSecurity.get("readOnlyRootFilesystem").text(), containerSecurity.path());
    assertEquals(
        "false",
        containerSecurity.get("allowPrivilegeEscalation").text(),
        containerSecurity.path());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void autoscalerAndBudgetCoverDeployment(RobertoService service) {
    Resource deployment = base.find("Deployment", service.name()).orElseThrow();
    Node autoscaler = base.find("HorizontalPodAutoscaler", service.name()).orElseThrow().body();
    Node budget = base.find("PodDisruptionBudget", service.name()).orElseThrow().spec();
    Map<String, String> podLabels = workload(service).podLabels();

    assertEquals("autoscaling/v2", autoscaler.get("apiVersion").text());
    Node target = autoscaler.get("spec").get("scaleTargetRef");
    assertEquals("Deployment", target.get("kind").text(), target.path());
    assertEquals(service.name(), target.get("name").text(), target.path());
    assertTrue(
        deployment.spec().get("replicas").isMissing(),
        deployment + " sets replicas, which would reset the autoscaler's count on every apply");
    assertSelects(budget.get("selector").get("matchLabels"), podLabels, service.name());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void imageIsNamedInKustomization(RobertoService service) {
    assertEquals(service.image(), workload(service).container().get("image").text());
    assertTrue(
        base.kustomization().get("images").items().stream()
            .anyMatch(image -> service.image().equals(image.get("name").text())),
        "kustomization.yaml has no images entry for " + service.image());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void environmentReplacesLoopbackDefaults(RobertoService service) {
    Map<String, String> environment = workload(service).environment();
    Properties properties = service.applicationProperties();

    for (String property : properties.stringPropertyNames()) {
      String value = properties.getProperty(property);
      if (property.startsWith("%") && !property.startsWith("%prod.")) {
        continue; // Settings of the dev and test profiles never reach a cluster.
      }
      if (value.contains("127.0.0.1") || value.contains("localhost")) {
        String variable = environmentVariable(replacedProperty(property, value));
        assertTrue(
            environment.containsKey(variable),
            property + "=" + value + " is not replaced; set " + variable + " for " + service);
        assertFalse(environment.get(variable).contains("127.0.0.1"), variable);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void databaseIsOwnWithSecretCredentials(RobertoService service) {
    Map<String, String> environment = workload(service).environment();
    String database = service.databaseName();

    assertTrue(
        environment.get("QUARKUS_DATASOURCE_REACTIVE_URL").endsWith("/" + database),
        "QUARKUS_DATASOURCE_REACTIVE_URL of " + service + " does not name " + database);
    assertTrue(
        environment.get("QUARKUS_DATASOURCE_JDBC_URL").contains("/" + database + "?"),
        "QUARKUS_DATASOURCE_JDBC_URL of " + service + " does not name " + database);
    assertEquals(
        "secret:" + service.databaseSecret() + "/username",
        environment.get("QUARKUS_DATASOURCE_USERNAME"));
    assertEquals(
        "secret:" + service.databaseSecret() + "/password",
        environment.get("QUARKUS_DATASOURCE_PASSWORD"));
  }

  /**
   * Returns the property whose value decides: for {@code a=${b:default}} that is {@code b}, since
   * setting {@code b} replaces the loopback default of {@code a}.
   */
  static String replacedProperty(String property, String value) {
    java.util.regex.Matcher expression =
        java.util.regex.Pattern.compile("\\$\\{([^:}]+):[^}]*}").matcher(value.strip());
    return expression.matches() ? expression.group(1) : property;
  }

  /** Returns the variable that Quarkus maps to a property: A-Z, 0-9 and _ only, upper case. */
  static String environmentVariable(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }

  private Workload workload(RobertoService service) {
    return new Workload(base, base.find("Deployment", service.name()).orElseThrow());
  }

  private Resource serviceResource(RobertoService service) {
    return base.find("Service", service.name()).orElseThrow();
  }

  /** Asserts that a non-empty label selector matches the pod labels of a Deployment. */
  private static void assertSelects(Node selector, Map<String, String> podLabels, String pods) {
    Map<String, String> pairs = selector.texts();
    assertFalse(pairs.isEmpty(), selector.path() + " is empty");
    pairs.forEach(
        (label, value) ->
            assertEquals(
                value,
                podLabels.get(label),
                selector.path() + " does not match the pods of " + pods + " on " + label));
  }
}
