package dev.roberto.runtime.grant;

/** The form of an agent id as runtimes report it. */
public final class AgentIds {

  public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]*";
  public static final String MESSAGE =
      "must start with a letter or digit and use only letters, digits, . _ : -";

  private AgentIds() {}
}
