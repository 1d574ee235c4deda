package dev.roberto.runtime.grant;

import dev.roberto.runtime.release.Channels;
import dev.roberto.runtime.release.SemanticVersion;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Request body that issues a grant. Without {@code agentId} the grant is for the runtime's own
 * software.
 */
public record IssueGrant(
    @NotNull UUID runtimeId,
    @Size(max = 100) @Pattern(regexp = AgentIds.PATTERN, message = AgentIds.MESSAGE) String agentId,
    @NotBlank @Size(max = 50) @Pattern(regexp = Channels.PATTERN, message = Channels.MESSAGE)
        String channel,
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = SemanticVersion.PATTERN,
            message = "must be a semantic version such as 1.4.2")
        String targetVersion,
    Boolean rollback,
    @Min(60) Long expiresInSeconds) {}
