package dev.roberto.cli.runtime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto runtime}: register and list the hosts that run the workspace's agents. */
@Command(
    name = "runtime",
    description = "Register and list runtimes, the hosts that run the workspace's agents.",
    mixinStandardHelpOptions = true,
    subcommands = {RegisterCommand.class, ListCommand.class})
public class RuntimeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
