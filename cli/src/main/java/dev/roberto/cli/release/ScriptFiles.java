package dev.roberto.cli.release;

import dev.roberto.client.release.ScriptUpload;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the script files of a release. Each script is named after its file. Every file is read and
 * checked before the release is sent, so a bad path stops the command before any request.
 */
final class ScriptFiles {

  /** The script names that runtime-service accepts. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private static final int NAME_MAX_LENGTH = 100;

  private ScriptFiles() {}

  /** Returns the uploads of the files, in the order given, with their sizes and SHA-256. */
  static List<ScriptUpload> read(List<Path> files) {
    Map<String, Path> byName = new HashMap<>();
    List<ScriptUpload> uploads = new ArrayList<>();
    for (Path file : files) {
      String name = nameOf(file);
      Path earlier = byName.putIfAbsent(name, file);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "The scripts "
                + earlier
                + " and "
                + file
                + " have the same file name "
                + name
                + "; a release needs a distinct name for each script.");
      }
      uploads.add(ScriptUpload.of(name, contentOf(file)));
    }
    return uploads;
  }

  private static String nameOf(Path file) {
    Path fileName = file.getFileName();
    String name = fileName == null ? "" : fileName.toString();
    if (name.length() > NAME_MAX_LENGTH || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "The script "
              + file
              + " cannot be published under its file name '"
              + name
              + "': a script name starts with a letter or digit, uses only letters, digits, '.',"
              + " '_' and '-', and has at most "
              + NAME_MAX_LENGTH
              + " characters. Rename the file.");
    }
    return name;
  }

  private static byte[] contentOf(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("The script " + file + " is a folder, not a file.");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("The script file " + file + " does not exist.");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(
          "The script file " + file + " cannot be read: permission denied.");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The script file " + file + " cannot be read: " + e.getMessage());
    }
  }
}
