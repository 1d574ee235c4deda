package dev.roberto.runtime.update;

import dev.roberto.runtime.grant.AgentIds;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request body of an apply: which component of the decision (no {@code agentId} for the runtime
 * itself), the person's approval, and the grant token an admin issued for it.
 */
public record ApplyUpdate(
    @Size(max = 100) @Pattern(regexp = AgentIds.PATTERN, message = AgentIds.MESSAGE) String agentId,
    Boolean approved,
    @Size(max = 200) String grantToken) {}
