package dev.roberto.runtime.grant;

import java.util.UUID;

/**
 * The update an apply needs a grant for: the runtime, the agent (null for the runtime's own
 * software), the channel and target version, and whether the target is older than the current
 * version.
 */
public record GrantRequirement(
    UUID runtimeId, String agentId, String channel, String targetVersion, boolean downgrade) {}
