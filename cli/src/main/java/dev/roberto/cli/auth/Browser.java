package dev.roberto.cli.auth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a URL in the person's browser where one can be found; otherwise does nothing. */
public final class Browser {

  private Browser() {}

  /** Tries to open the URL and returns whether a browser was started. */
  public static boolean open(String url) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    try {
      if (os.contains("mac")) {
        return start("open", url);
      }
      if (os.contains("win")) {
        return start("rundll32", "url.dll,FileProtocolHandler", url);
      }
      if (hasDisplay() && onPath("xdg-open")) {
        return start("xdg-open", url);
      }
      if (!GraphicsEnvironment.isHeadless()
          && Desktop.isDesktopSupported()
          && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
        return true;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
    return false;
  }

  private static boolean start(String... command) throws IOException {
    new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    return true;
  }

  private static boolean hasDisplay() {
    return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
