package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each kustomization.yaml lists exactly the files of its folder, so none is silently left out. */
class KustomizationFilesTest {

  static final List<Path> FOLDERS = List.of(Manifests.BASE, Manifests.EXAMPLE_OVERLAY);

  @ParameterizedTest
  @FieldSource("FOLDERS")
  void listsEveryFileInFolder(Path folder) throws IOException {
    Set<String> referenced = new TreeSet<>();
    for (Node entry : referencedFiles(Manifests.load(folder).kustomization())) {
      Path target = folder.resolve(entry.text()).normalize();
      if (target.startsWith(folder)) {
        referenced.add(folder.relativize(target).toString());
      }
    }

    assertEquals(filesIn(folder), referenced, folder + "/kustomization.yaml");
  }

  @ParameterizedTest
  @FieldSource("FOLDERS")
  void everyReferenceExists(Path folder) {
    for (Node entry : referencedFiles(Manifests.load(folder).kustomization())) {
      Path target = folder.resolve(entry.text()).normalize();
      boolean exists =
          Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml"));
      assertTrue(exists, entry.path() + ": " + entry.text() + " does not exist in " + folder);
    }
  }

  /**
   * Returns the files that it names: resources, patches, and the env files and files of generators.
   */
  static List<Node> referencedFiles(Node kustomization) {
    Stream<Node> resources = kustomization.get("resources").items().stream();
    Stream<Node> patches =
        kustomization.get("patches").items().stream()
            .map(patch -> patch.get("path"))
            .filter(path -> !path.isMissing());
    Stream<Node> generated =
        Stream.of("configMapGenerator", "secretGenerator")
            .flatMap(generator -> kustomization.get(generator).items().stream())
            .flatMap(
                generator ->
                    Stream.concat(
                        generator.get("envs").items().stream(),
                        generator.get("files").items().stream()));
    return Stream.of(resources, patches, generated).flatMap(stream -> stream).toList();
  }

  private static Set<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> folder.relativize(file).toString())
          .filter(name -> !name.equals("kustomization.yaml"))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }
}
