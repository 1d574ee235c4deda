package dev.roberto.cli.billing;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.BillingStatus;
import picocli.CommandLine.Command;

/** {@code roberto billing status}: subscription, credits, entitlements and the next step. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show the workspace's subscription, credit balance, what it may do, and the next step.")
public class StatusCommand extends ApiSubcommand {

  @Override
  public Integer call() {
    BillingStatus status = new BillingApi(client()).status();
    output().resultOf(BillingText.status(status), status);
    return ExitCodes.OK;
  }
}
