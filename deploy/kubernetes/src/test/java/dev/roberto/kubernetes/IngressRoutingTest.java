package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Ingresses in base/ put every public prefix under the control plane host. */
class IngressRoutingTest {

  /** Characters that make a path a regular expression. Prefix paths must contain none. */
  private static final Pattern REGEX_CHARACTERS = Pattern.compile("[\\[\\](){}*+?|^$\\\\]");

  private final Manifests base = Manifests.load(Manifests.BASE);

  @ParameterizedTest
  @CsvSource({
    "/api/auth/device/code, auth-service",
    "/oauth2/token, auth-service",
    "/.well-known/openid-configuration, auth-service",
    "/.well-known/jwks.json, auth-service",
    "/, auth-service",
    "/device, auth-service",
    "/settings/billing, auth-service",
    "/api/billing/status, billing-service",
    "/api/runtime/runtimes/r-1/check-updates, runtime-service",
    "/api/runtime/decisions/d-1/scripts/s-1, runtime-service",
    "/api/agents/a-1/update-status, runtime-service",
    "/api/agents, runtime-service",
    "/api/agents/a-1, runtime-service",
    "/api/agents/a-1/start, runtime-service",
    "/api/agents/a-1/gateway-credentials, gateway-service",
    "/api/agents/a-1/gateway-credentials/c-2, gateway-service",
    "/api/agents/a-1/gateway-credentialsx, runtime-service",
    "/api/agents/a-1/b/gateway-credentials, runtime-service",
    "/api/gateway/v1/chat/completions, gateway-service",
    "/api/gateway/v1/messages, gateway-service",
    "/api/webhooks/usage, webhook-service",
  })
  void requestReachesOwningService(String requestPath, String expectedService) {
    NginxRegexRouting routing = NginxRegexRouting.of(base.ofKind("Ingress"), controlPlaneHost());

    NginxRegexRouting.Route route =
        routing
            .route(requestPath)
            .orElseThrow(() -> new AssertionError("no Ingress path matches " + requestPath));

    assertEquals(
        expectedService,
        route.service(),
        requestPath + " matched path " + route.path() + " of Ingress " + route.ingress());
  }

  @Test
  void everyIngressUsesRegexOnNginx() {
    List<Resource> ingresses = base.ofKind("Ingress");

    assertFalse(ingresses.isEmpty(), "base/ has no Ingress");
    for (Resource ingress : ingresses) {
      assertEquals("nginx", ingress.spec().get("ingressClassName").text(), ingress.toString());
      assertEquals(
          "true",
          ingress
              .body()
              .get("metadata")
              .get("annotations")
              .get("nginx.ingress.kubernetes.io/use-regex")
              .text(),
          ingress + " must enable use-regex, or the gateway-credentials path is taken literally");
    }
  }

  @Test
  void pathTypeFitsEachPath() {
    for (Resource ingress : base.ofKind("Ingress")) {
      for (Node rule : ingress.spec().get("rules").items()) {
        for (Node path : rule.get("http").get("paths").items()) {
          String text = path.get("path").text();
          String expected =
              REGEX_CHARACTERS.matcher(text).find() ? "ImplementationSpecific" : "Prefix";
          assertEquals(expected, path.get("pathType").text(), path.path() + " (" + text + ")");
        }
      }
    }
  }

  @Test
  void backendsAreServicePorts() {
    NginxRegexRouting routing = NginxRegexRouting.of(base.ofKind("Ingress"), controlPlaneHost());

    for (NginxRegexRouting.Route route : routing.routes()) {
      Resource service =
          base.find("Service", route.service())
              .orElseThrow(() -> new AssertionError("no Service for " + route));
      Set<String> ports =
          service.spec().get("ports").items().stream()
              .flatMap(port -> java.util.stream.Stream.of(port.get("name"), port.get("port")))
              .map(Node::text)
              .collect(Collectors.toSet());
      assertTrue(ports.contains(route.port()), route + " names a port that " + service + " lacks");
    }
  }

  @Test
  void everyRuleAndCertificateUseOneHost() {
    String host = controlPlaneHost();

    for (Resource ingress : base.ofKind("Ingress")) {
      for (Node rule : ingress.spec().get("rules").items()) {
        assertEquals(host, rule.get("host").text(), rule.path());
      }
      List<String> tlsHosts =
          ingress.spec().get("tls").items().stream()
              .flatMap(tls -> tls.get("hosts").items().stream())
              .map(Node::text)
              .toList();
      assertEquals(List.of(host), tlsHosts, ingress + " TLS hosts");
    }
  }

  @Test
  void controlPlaneUrlIsIngressHost() {
    Map<String, String> shared = base.generatedConfigMap("roberto-control-plane");
    URI url = URI.create(shared.get("ROBERTO_CONTROL_PLANE_URL"));

    assertEquals("https", url.getScheme());
    assertEquals(controlPlaneHost(), url.getHost());
  }

  @Test
  void authPublicUrlsAreControlPlaneUrl() {
    Resource deployment = base.find("Deployment", "auth-service").orElseThrow();
    Map<String, String> environment = new Workload(base, deployment).environment();
    String controlPlaneUrl = environment.get("ROBERTO_CONTROL_PLANE_URL");
    List<String> publicUrls =
        List.of(
            "ROBERTO_DISCOVERY_BILLING_URL",
            "ROBERTO_DISCOVERY_RUNTIME_URL",
            "ROBERTO_DISCOVERY_GATEWAY_URL",
            "ROBERTO_DISCOVERY_WEBHOOK_URL");

    for (String variable : publicUrls) {
      String value = environment.get(variable);
      assertTrue(value != null, variable + " missing, so discovery would list a loopback URL");
      assertEquals(
          controlPlaneUrl,
          value.replace("${roberto.control-plane.url}", controlPlaneUrl),
          variable + " must be the control plane URL");
    }
    assertFalse(
        environment.containsKey("ROBERTO_AUTH_ISSUER"),
        "the issuer follows ROBERTO_CONTROL_PLANE_URL; a second setting could differ from it");
  }

  private String controlPlaneHost() {
    return base.find("Ingress", "roberto")
        .orElseThrow()
        .spec()
        .get("rules")
        .get(0)
        .get("host")
        .text();
  }
}
