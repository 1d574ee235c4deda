package dev.roberto.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the folders a run leaves behind. */
final class Folders {

  private Folders() {}

  /**
   * Deletes the folder and everything in it, if it exists. What cannot be deleted stays, because
   * Maven's clean or the system's temporary folder cleaning removes it later.
   */
  static void deleteQuietly(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Folders::deleteFile);
    } catch (IOException e) {
      System.err.println("Deleting " + folder + " failed: " + e.getMessage());
    }
  }

  private static void deleteFile(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.err.println("Deleting " + path + " failed: " + e.getMessage());
    }
  }
}
