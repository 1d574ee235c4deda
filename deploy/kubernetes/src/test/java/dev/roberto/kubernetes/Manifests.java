package dev.roberto.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests of one kustomize folder as written, before kustomize transforms them: the resource
 * files it lists, its kustomization.yaml, and the env files of its ConfigMap generators.
 */
final class Manifests {

  /** Surefire runs the tests in the module folder, deploy/kubernetes. */
  static final Path BASE = Path.of("base");

  static final Path EXAMPLE_OVERLAY = Path.of("overlays", "example");

  static final Path REPOSITORY = Path.of("..", "..");

  private final Path folder;
  private final Node kustomization;
  private final List<Resource> resources;

  private Manifests(Path folder, Node kustomization, List<Resource> resources) {
    this.folder = folder;
    this.kustomization = kustomization;
    this.resources = resources;
  }

  /** Loads kustomization.yaml and every resource file it lists that lies inside the folder. */
  static Manifests load(Path folder) {
    Node kustomization = loadDocuments(folder.resolve("kustomization.yaml")).get(0);
    List<Resource> resources = new ArrayList<>();
    for (Node entry : kustomization.get("resources").items()) {
      Path file = folder.resolve(entry.text());
      if (Files.isRegularFile(file)) {
        loadDocuments(file).forEach(document -> resources.add(new Resource(file, document)));
      }
    }
    return new Manifests(folder, kustomization, resources);
  }

  /**
   * Parses every document of a YAML file with SnakeYAML's safe constructor, skipping empty ones.
   */
  static List<Node> loadDocuments(Path file) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Node> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : yaml.loadAll(reader)) {
        if (document != null) {
          documents.add(new Node(document, file.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /**
   * Reads a kustomize env file: KEY=VALUE per line, with blank lines and lines starting with # left
   * out.
   */
  static Map<String, String> loadEnvFile(Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    try (Stream<String> lines = Files.lines(file)) {
      lines
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(
              line -> {
                int equals = line.indexOf('=');
                if (equals < 1) {
                  throw new IllegalArgumentException(file + ": not KEY=VALUE: " + line);
                }
                values.put(line.substring(0, equals), line.substring(equals + 1));
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }

  Path folder() {
    return folder;
  }

  Node kustomization() {
    return kustomization;
  }

  List<Resource> resources() {
    return resources;
  }

  List<Resource> ofKind(String kind) {
    return resources.stream().filter(resource -> kind.equals(resource.kind())).toList();
  }

  Optional<Resource> find(String kind, String name) {
    return ofKind(kind).stream().filter(resource -> name.equals(resource.name())).findFirst();
  }

  /**
   * Returns the data of a ConfigMap that this folder's configMapGenerator builds from env files and
   * literals, or an empty map when it builds none of that name.
   */
  Map<String, String> generatedConfigMap(String name) {
    Map<String, String> data = new LinkedHashMap<>();
    for (Node generator : kustomization.get("configMapGenerator").items()) {
      if (!name.equals(generator.get("name").text())) {
        continue;
      }
      for (Node envFile : generator.get("envs").items()) {
        data.putAll(loadEnvFile(folder.resolve(envFile.text())));
      }
      for (Node literal : generator.get("literals").items()) {
        String text = literal.text();
        int equals = text.indexOf('=');
        data.put(text.substring(0, equals), text.substring(equals + 1));
      }
    }
    return data;
  }
}
