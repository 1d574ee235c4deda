package dev.roberto.runtime.agent;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Lifecycle state of an agent as the control plane records it: the state the agent's runtime is
 * asked to keep. A provisioned agent starts {@link #STOPPED}.
 */
public enum AgentState {
  STOPPED("stopped"),
  RUNNING("running"),
  DELETED("deleted");

  private final String wireName;

  AgentState(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the lower-case name used in the database, the API and {@code agent-changed}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  static AgentState fromWireName(String wireName) {
    for (AgentState state : values()) {
      if (state.wireName.equals(wireName)) {
        return state;
      }
    }
    throw new IllegalArgumentException("Unknown agent state " + wireName);
  }

  /** Stores the state as its wire name. */
  @Converter
  public static class DatabaseConverter implements AttributeConverter<AgentState, String> {

    @Override
    public String convertToDatabaseColumn(AgentState state) {
      return state == null ? null : state.wireName;
    }

    @Override
    public AgentState convertToEntityAttribute(String wireName) {
      return wireName == null ? null : fromWireName(wireName);
    }
  }
}
