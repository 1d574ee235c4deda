package dev.roberto.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches log files for secrets: each secret value that the walk-through handled, and any text
 * shaped like a Roberto or Stripe secret or a signed JWT. A finding names the file, the line and
 * the kind of secret, never the value.
 */
final class LogScan {

  /**
   * The prefixes of gateway tokens ({@code rgw_}), update grant tokens ({@code rgt_}), runtime
   * client secrets ({@code rts_}), webhook signing secrets ({@code whsec_}, Roberto's and Stripe's)
   * and Stripe keys, each followed by token characters; and a JWT's base64url header and payload,
   * which both start with {@code eyJ}.
   */
  static final Pattern SECRET_SHAPES =
      Pattern.compile(
          "(rgw_|rgt_|rts_|whsec_|sk_test_|sk_live_|rk_test_|rk_live_)[A-Za-z0-9_-]{8,}"
              + "|eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");

  /** One place where a secret appeared. */
  record Finding(Path file, int line, String kind) {
    @Override
    public String toString() {
      return file.getFileName() + ":" + line + " contains " + kind;
    }
  }

  private LogScan() {}

  /** Returns the {@code *.log} files of the folder. */
  static List<Path> logFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
    }
  }

  /**
   * Returns every line of the files that contains one of the named secret values or text of a
   * secret's shape.
   */
  static List<Finding> scan(List<Path> files, Map<String, String> secretsByKind)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (Path file : files) {
      // Decoded leniently, so that a stray invalid byte cannot stop the scan.
      String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R");
      for (int index = 0; index < lines.length; index++) {
        findings.addAll(scanLine(file, index + 1, lines[index], secretsByKind));
      }
    }
    return findings;
  }

  private static List<Finding> scanLine(
      Path file, int lineNumber, String line, Map<String, String> secretsByKind) {
    List<Finding> findings = new ArrayList<>();
    secretsByKind.forEach(
        (kind, secret) -> {
          if (line.contains(secret)) {
            findings.add(new Finding(file, lineNumber, kind));
          }
        });
    Matcher shape = SECRET_SHAPES.matcher(line);
    while (shape.find()) {
      String prefix = shape.group(1) != null ? shape.group(1) : "eyJ";
      findings.add(new Finding(file, lineNumber, "text shaped like a secret (" + prefix + "...)"));
    }
    return findings;
  }
}
