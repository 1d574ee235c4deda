package dev.roberto.runtime.release;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A release as the API returns it, with its scripts' metadata but not their bodies. */
public record ReleaseView(
    UUID id,
    String component,
    String channel,
    String version,
    int rolloutPercent,
    String notes,
    Instant publishedAt,
    List<ScriptView> scripts) {

  /** Metadata of one script. */
  public record ScriptView(String name, String sha256, long size) {}

  static ReleaseView of(SoftwareRelease release, List<ScriptInfo> scripts) {
    return new ReleaseView(
        release.id,
        release.component,
        release.channel,
        release.version,
        release.rolloutPercent,
        release.notes,
        release.publishedAt,
        scripts.stream()
            .map(script -> new ScriptView(script.name(), script.sha256(), script.sizeBytes()))
            .toList());
  }
}
