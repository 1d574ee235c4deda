package dev.roberto.cli.release;

import dev.roberto.cli.TextTable;
import dev.roberto.client.release.Release;
import java.util.ArrayList;
import java.util.List;

/** Releases as text for a person: one release with its fields, or a list. */
final class ReleaseText {

  private ReleaseText() {}

  /** Returns a headline, the release's fields and a table of its scripts. */
  static String of(String headline, Release release) {
    List<String> lines = new ArrayList<>();
    lines.add(headline);
    lines.add("ID:         " + release.id());
    lines.add("Component:  " + release.component());
    lines.add("Channel:    " + release.channel());
    lines.add("Version:    " + release.version());
    lines.add("Rollout:    " + release.rolloutPercent() + "% of runtimes");
    if (release.notes() != null) {
      lines.add("Notes:      " + release.notes());
    }
    lines.add("Published:  " + release.publishedAt());
    lines.add("Scripts, in the order runtimes run them:");
    TextTable scripts = new TextTable("NAME", "BYTES", "SHA-256");
    for (Release.Script script : release.scripts()) {
      scripts.add(script.name(), Long.toString(script.size()), script.sha256());
    }
    scripts.lines().forEach(line -> lines.add("  " + line));
    return String.join("\n", lines);
  }

  /** Returns a table with a row per release, each followed by a line per script. */
  static String list(List<Release> releases) {
    if (releases.isEmpty()) {
      return "No releases found. Publish one with `roberto release publish --component agent"
          + " --channel stable --version 1.0.0 SCRIPT`.";
    }
    TextTable table =
        new TextTable("ID", "COMPONENT", "CHANNEL", "VERSION", "ROLLOUT", "PUBLISHED");
    for (Release release : releases) {
      table.add(
          release.id(),
          release.component(),
          release.channel(),
          release.version(),
          release.rolloutPercent() + "%",
          release.publishedAt());
    }
    List<String> rows = table.lines();
    List<String> lines = new ArrayList<>();
    lines.add(rows.get(0));
    for (int i = 0; i < releases.size(); i++) {
      lines.add(rows.get(i + 1));
      for (Release.Script script : releases.get(i).scripts()) {
        lines.add(
            "  script "
                + script.name()
                + "  "
                + script.size()
                + " bytes  sha256 "
                + script.sha256());
      }
    }
    return String.join("\n", lines);
  }
}
