package dev.roberto.cli.gateway;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto gateway credentials}: an agent's gateway tokens. */
@Command(
    name = "credentials",
    description = {
      "Create, list, rotate and revoke an agent's gateway tokens.",
      "A token is printed once, when it is created or rotated; store it then."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      CreateCredentialCommand.class,
      ListCredentialsCommand.class,
      RotateCredentialCommand.class,
      RevokeCredentialCommand.class
    })
public class CredentialsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
