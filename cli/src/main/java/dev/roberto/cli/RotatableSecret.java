package dev.roberto.cli;

import java.util.List;
import java.util.function.Function;

/**
 * A kind of agent secret that a {@code rotate} command replaces, and how that command picks the one
 * to replace when the user names none.
 */
public enum RotatableSecret {
  GATEWAY_CREDENTIAL("gateway credentials", "roberto gateway credentials list"),
  WEBHOOK_SIGNING_SECRET("signing secrets", "roberto webhooks secret list");

  private final String pluralName;
  private final String listCommand;

  RotatableSecret(String pluralName, String listCommand) {
    this.pluralName = pluralName;
    this.listCommand = listCommand;
  }

  /**
   * Returns the id of the agent's only active secret among {@code secrets}.
   *
   * @throws IllegalArgumentException when the agent has no active secret or more than one, with the
   *     command that lists them
   */
  public <T> String onlyActiveId(
      String agentId, List<T> secrets, Function<T, String> id, Function<T, String> status) {
    List<String> active =
        secrets.stream().filter(secret -> "active".equals(status.apply(secret))).map(id).toList();
    if (active.size() != 1) {
      throw new IllegalArgumentException(
          "Agent "
              + agentId
              + " has "
              + active.size()
              + " active "
              + pluralName
              + "; name the one to rotate (see `"
              + listCommand
              + " --agent "
              + agentId
              + "`).");
    }
    return active.get(0);
  }
}
