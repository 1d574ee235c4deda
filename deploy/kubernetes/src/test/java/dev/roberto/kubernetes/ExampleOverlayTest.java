package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * overlays/example changes what an installation must change, consistently. Kustomize itself is not
 * run here; the patches are read as written.
 */
class ExampleOverlayTest {

  private final Manifests base = Manifests.load(Manifests.BASE);
  private final Manifests overlay = Manifests.load(Manifests.EXAMPLE_OVERLAY);

  @Test
  void overridesEveryImage() {
    Map<String, Node> overridden =
        overlay.kustomization().get("images").items().stream()
            .collect(Collectors.toMap(image -> image.get("name").text(), image -> image));

    for (RobertoService service : RobertoService.ALL) {
      Node image = overridden.get(service.image());
      assertTrue(image != null, "overlay does not override " + service.image());
      assertFalse(image.get("newName").isMissing(), image.path() + ".newName");
      assertFalse(image.get("newTag").isMissing(), image.path() + ".newTag");
    }
  }

  @Test
  void controlPlaneUrlMatchesHostPatch() {
    String url =
        overlay.generatedConfigMap("roberto-control-plane").get("ROBERTO_CONTROL_PLANE_URL");
    List<Node> hostPatch =
        Manifests.loadDocuments(overlay.folder().resolve("control-plane-host.yaml"));
    List<Node> operations = hostPatch.get(0).items();

    assertEquals(
        List.of("/spec/rules/0/host", "/spec/tls/0/hosts/0"),
        operations.stream().map(operation -> operation.get("path").text()).toList());
    for (Node operation : operations) {
      assertEquals(URI.create(url).getHost(), operation.get("value").text(), operation.path());
    }
  }

  @Test
  void replicaRangesCoverEveryAutoscaler() {
    List<Node> patches = Manifests.loadDocuments(overlay.folder().resolve("replicas.yaml"));
    List<String> patched =
        patches.stream().map(patch -> patch.get("metadata").get("name").text()).sorted().toList();
    List<String> autoscalers =
        base.ofKind("HorizontalPodAutoscaler").stream().map(Resource::name).sorted().toList();

    assertEquals(autoscalers, patched);
    for (Node patch : patches) {
      assertEquals("HorizontalPodAutoscaler", patch.get("kind").text(), patch.path());
      int min = Integer.parseInt(patch.get("spec").get("minReplicas").text());
      int max = Integer.parseInt(patch.get("spec").get("maxReplicas").text());
      assertTrue(min >= 2, patch.path() + ": one replica leaves no pod during a drain");
      assertTrue(min <= max, patch.path() + ": minReplicas above maxReplicas");
    }
  }

  @Test
  void setsNamespace() {
    String namespace = overlay.kustomization().get("namespace").text();

    assertFalse(namespace == null || namespace.isBlank(), "overlay sets no namespace");
    assertEquals(namespace, overlay.find("Namespace", namespace).map(Resource::name).orElse(null));
  }
}
