package dev.roberto.kubernetes;

import java.nio.file.Path;

/** One Kubernetes object from a manifest file. */
record Resource(Path file, Node body) {

  String kind() {
    return body.get("kind").text();
  }

  String name() {
    return body.get("metadata").get("name").text();
  }

  Node spec() {
    return body.get("spec");
  }

  @Override
  public String toString() {
    return kind() + " " + name() + " (" + file.getFileName() + ")";
  }
}
