package dev.roberto.cli.auth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto auth}: log in, refresh, log out and show who is logged in. */
@Command(
    name = "auth",
    description = "Log in to a control plane and manage the stored login.",
    mixinStandardHelpOptions = true,
    subcommands = {
      LoginCommand.class,
      RefreshCommand.class,
      LogoutCommand.class,
      WhoamiCommand.class
    })
public class AuthCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
