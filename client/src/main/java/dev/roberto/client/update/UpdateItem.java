package dev.roberto.client.update;

import java.util.List;

/** The decision for one component: the runtime itself ({@code agentId} null) or one agent. */
public record UpdateItem(
    String component,
    String agentId,
    String channel,
    String currentVersion,
    String targetVersion,
    boolean updateAvailable,
    boolean approvalRequired,
    boolean rollback,
    String releaseId,
    List<ScriptLink> scripts) {}
