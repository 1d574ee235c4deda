package dev.roberto.events;

import java.time.Instant;

/**
 * An agent was created, renamed, moved to another runtime, changed state or was deleted. {@code
 * version} grows with every change of the agent, so consumers ignore older events.
 */
public record AgentChanged(
    String schemaVersion,
    String eventId,
    String agentId,
    String workspaceId,
    String runtimeId,
    String name,
    Change change,
    String state,
    long version,
    Instant changedAt)
    implements RobertoEvent {

  public static final String TYPE = "dev.roberto.agent.changed";

  /** Kind of change to the agent. */
  public enum Change {
    CREATED,
    RENAMED,
    MOVED,
    STATE_CHANGED,
    DELETED
  }

  @Override
  public String topic() {
    return Topics.AGENT_CHANGED;
  }

  @Override
  public String key() {
    return agentId;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
