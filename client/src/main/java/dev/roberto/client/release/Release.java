package dev.roberto.client.release;

import java.util.List;

/**
 * A published release as runtime-service returns it: what it updates, on which channel, the share
 * of runtimes it is offered to, and its scripts' metadata without their bodies.
 */
public record Release(
    String id,
    String component,
    String channel,
    String version,
    int rolloutPercent,
    String notes,
    String publishedAt,
    List<Script> scripts) {

  /** One script of the release, in the order runtimes run them; {@code size} is in bytes. */
  public record Script(String name, String sha256, long size) {}
}
