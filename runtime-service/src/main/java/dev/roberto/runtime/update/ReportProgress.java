package dev.roberto.runtime.update;

import dev.roberto.runtime.grant.AgentIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request body of a progress report for an accepted apply: {@code downloading}, {@code applying},
 * {@code succeeded} or {@code failed}, with a message and the script's exit code on failure.
 */
public record ReportProgress(
    @Size(max = 100) @Pattern(regexp = AgentIds.PATTERN, message = AgentIds.MESSAGE) String agentId,
    @NotBlank
        @Pattern(
            regexp = "downloading|applying|succeeded|failed",
            message = "must be downloading, applying, succeeded or failed")
        String state,
    @Size(max = 1000) String message,
    Integer exitCode) {}
