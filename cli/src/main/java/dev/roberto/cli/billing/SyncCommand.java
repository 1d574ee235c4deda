package dev.roberto.cli.billing;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.BillingStatus;
import picocli.CommandLine.Command;

/** {@code roberto billing sync}: re-read the workspace's billing from Stripe. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Re-read the subscription and paid credit purchases from Stripe, then show the status.",
      "Needs the owner or admin role."
    })
public class SyncCommand extends ApiSubcommand {

  @Override
  public Integer call() {
    BillingStatus status = new BillingApi(client()).sync();
    output().resultOf("Synced with Stripe.\n" + BillingText.status(status), status);
    return ExitCodes.OK;
  }
}
