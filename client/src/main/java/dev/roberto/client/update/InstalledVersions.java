package dev.roberto.client.update;

import java.util.List;

/** The versions and channels a runtime reports in check-updates: its own and its agents'. */
public record InstalledVersions(Installed runtime, List<AgentInstalled> agents) {

  /** The runtime's own software. */
  public record Installed(String version, String channel) {}

  /** One agent on the runtime. */
  public record AgentInstalled(String agentId, String version, String channel) {}
}
