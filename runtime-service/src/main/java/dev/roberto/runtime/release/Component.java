package dev.roberto.runtime.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The software a release updates: the runtime itself or the agents it runs. */
public enum Component {
  RUNTIME,
  AGENT;

  /** Returns the lower-case name used in JSON and in the database. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code runtime} or {@code agent}; any other value is rejected as invalid. */
  @JsonCreator
  public static Component fromWireName(String name) {
    for (Component component : values()) {
      if (component.wireName().equals(name)) {
        return component;
      }
    }
    throw new IllegalArgumentException("component must be runtime or agent, not " + name);
  }
}
