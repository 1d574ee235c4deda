package dev.roberto.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds the jar or class folder a class was loaded from, to put it on a child JVM's classpath. */
public final class ClassLocations {

  private ClassLocations() {}

  /** Returns the jar file or the root of the class folder that holds the class. */
  public static Path of(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    URL url = type.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("Cannot locate " + resource);
    }
    String text = url.toString();
    try {
      if (text.startsWith("jar:")) {
        return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
      }
      Path root = Path.of(url.toURI());
      for (int i = 0; i < resource.split("/").length; i++) {
        root = root.getParent();
      }
      return root;
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("Cannot locate " + resource + " at " + text, e);
    }
  }
}
