package dev.roberto.runtime.update;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A decision as check-updates returns it. */
public record DecisionView(
    UUID decisionId,
    UUID runtimeId,
    Instant createdAt,
    Instant expiresAt,
    ItemView runtime,
    List<ItemView> agents) {

  /** The decision for one component. */
  public record ItemView(
      String component,
      String agentId,
      String channel,
      String currentVersion,
      String targetVersion,
      boolean updateAvailable,
      boolean approvalRequired,
      boolean rollback,
      UUID releaseId,
      List<ScriptLink> scripts) {}

  /** A script to download: its signed URL, and the hash and size to verify before running it. */
  public record ScriptLink(String name, String sha256, long size, String url) {}
}
