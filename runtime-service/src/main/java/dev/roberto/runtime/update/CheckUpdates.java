package dev.roberto.runtime.update;

import dev.roberto.runtime.grant.AgentIds;
import dev.roberto.runtime.release.Channels;
import dev.roberto.runtime.release.SemanticVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request body of check-updates: the versions and channels the runtime runs. */
public record CheckUpdates(
    @NotNull @Valid Installed runtime,
    @Size(max = 500) List<@Valid @NotNull AgentInstalled> agents) {

  /** The runtime's own software. */
  public record Installed(
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = SemanticVersion.PATTERN, message = "must be a semantic version")
          String version,
      @NotBlank @Size(max = 50) @Pattern(regexp = Channels.PATTERN, message = Channels.MESSAGE)
          String channel) {}

  /** One agent on the runtime. */
  public record AgentInstalled(
      @NotBlank @Size(max = 100) @Pattern(regexp = AgentIds.PATTERN, message = AgentIds.MESSAGE)
          String agentId,
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = SemanticVersion.PATTERN, message = "must be a semantic version")
          String version,
      @NotBlank @Size(max = 50) @Pattern(regexp = Channels.PATTERN, message = Channels.MESSAGE)
          String channel) {}

  public List<AgentInstalled> agentsOrEmpty() {
    return agents == null ? List.of() : agents;
  }
}
