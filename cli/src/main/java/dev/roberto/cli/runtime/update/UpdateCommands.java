package dev.roberto.cli.runtime.update;

import picocli.CommandLine;

/**
 * Adds the runtime-update commands to {@code roberto runtime} and {@code roberto agent}. The groups
 * may come from other features; a group that the root command lacks is created here.
 */
public final class UpdateCommands {

  private UpdateCommands() {}

  public static void addTo(CommandLine root) {
    CommandLine runtime =
        group(
            root,
            "runtime",
            "Runtimes, the hosts that run the workspace's agents, and their updates.");
    runtime.addSubcommand(new CheckUpdatesCommand());
    runtime.addSubcommand(new ApplyCommand());
    runtime.addSubcommand(new GrantCommand());
    CommandLine agent = group(root, "agent", "Agents of the workspace.");
    agent.addSubcommand(new AgentUpdateStatusCommand());
  }

  private static CommandLine group(CommandLine root, String name, String description) {
    CommandLine existing = root.getSubcommands().get(name);
    if (existing != null) {
      return existing;
    }
    CommandLine group = new CommandLine(new CommandGroup());
    group.getCommandSpec().usageMessage().description(description);
    root.addSubcommand(name, group);
    return group;
  }
}
