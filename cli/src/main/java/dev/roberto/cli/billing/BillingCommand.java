package dev.roberto.cli.billing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roberto billing}: the workspace's billing state and the Stripe pages to pay. */
@Command(
    name = "billing",
    description = {
      "Show the workspace's credits and subscription, and open Stripe's pages to pay.",
      "Refusals by billing exit with code 4."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      StatusCommand.class,
      SummaryCommand.class,
      SyncCommand.class,
      SetupCommand.class,
      CheckoutCommand.class,
      CreditsCheckoutCommand.class,
      PortalCommand.class
    })
public class BillingCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
