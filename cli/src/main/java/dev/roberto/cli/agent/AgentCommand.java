package dev.roberto.cli.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto agent}: provision agents on runtimes and start, stop or delete them. */
@Command(
    name = "agent",
    description = {
      "Provision agents on runtimes, and start, stop, show or delete them.",
      "AGENT is an agent's id or its name in the workspace."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      CreateCommand.class,
      ListCommand.class,
      ShowCommand.class,
      StartCommand.class,
      StopCommand.class,
      DeleteCommand.class
    })
public class AgentCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
