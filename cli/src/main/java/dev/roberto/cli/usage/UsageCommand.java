package dev.roberto.cli.usage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto usage}: report an agent's usage to the control plane. */
@Command(
    name = "usage",
    description = "Report an agent's LLM usage through the usage webhook.",
    mixinStandardHelpOptions = true,
    subcommands = {SendUsageCommand.class})
public class UsageCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
