package dev.roberto.cli.gateway;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto gateway}: the LLM gateway of the workspace's agents. */
@Command(
    name = "gateway",
    description = "Manage the LLM gateway of the workspace's agents.",
    mixinStandardHelpOptions = true,
    subcommands = {CredentialsCommand.class})
public class GatewayCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
