package dev.roberto.cli.webhooks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto webhooks secret}: an agent's webhook signing secrets. */
@Command(
    name = "secret",
    description = {
      "Create, list, rotate and revoke an agent's webhook signing secrets.",
      "A secret is printed once, when it is created or rotated; store it then."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      CreateSecretCommand.class,
      ListSecretsCommand.class,
      RotateSecretCommand.class,
      RevokeSecretCommand.class
    })
public class SecretCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
