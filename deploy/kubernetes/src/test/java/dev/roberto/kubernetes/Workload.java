package dev.roberto.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Deployment read together with the ConfigMaps its folder generates. */
record Workload(Manifests manifests, Resource deployment) {

  Node podSpec() {
    return deployment.spec().get("template").get("spec");
  }

  Node container() {
    return podSpec().get("containers").get(0);
  }

  Map<String, String> podLabels() {
    return deployment.spec().get("template").get("metadata").get("labels").texts();
  }

  /**
   * Resolves a port reference to the number of a port that the container declares. Probes and
   * Service targetPorts give a port name or a number. Returns null when no port matches.
   */
  Integer containerPort(String reference) {
    for (Node port : container().get("ports").items()) {
      String number = port.get("containerPort").text();
      if (reference.equals(port.get("name").text()) || reference.equals(number)) {
        return Integer.valueOf(number);
      }
    }
    return null;
  }

  /**
   * Returns the container's environment: the generated ConfigMaps of envFrom in order, then env. A
   * value from a Secret appears as {@code secret:<name>/<key>}.
   */
  Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    for (Node source : container().get("envFrom").items()) {
      String configMap = source.get("configMapRef").get("name").text();
      if (configMap != null) {
        environment.putAll(manifests.generatedConfigMap(configMap));
      }
    }
    for (Node variable : container().get("env").items()) {
      Node secretKey = variable.get("valueFrom").get("secretKeyRef");
      String value =
          secretKey.isMissing()
              ? variable.get("value").text()
              : "secret:" + secretKey.get("name").text() + "/" + secretKey.get("key").text();
      environment.put(variable.get("name").text(), value);
    }
    return environment;
  }
}
