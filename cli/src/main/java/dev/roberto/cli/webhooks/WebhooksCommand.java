package dev.roberto.cli.webhooks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto webhooks}: the usage webhooks of the workspace's agents. */
@Command(
    name = "webhooks",
    description = "Manage the signing secrets of the agents' usage webhooks.",
    mixinStandardHelpOptions = true,
    subcommands = {SecretCommand.class})
public class WebhooksCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
