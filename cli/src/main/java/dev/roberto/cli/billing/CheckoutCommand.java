package dev.roberto.cli.billing;

import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.CheckoutLink;
import picocli.CommandLine.Command;

/** {@code roberto billing checkout}: subscribe on Stripe's page. */
@Command(
    name = "checkout",
    mixinStandardHelpOptions = true,
    description = {
      "Subscribe the workspace to the plan on a Stripe Checkout page.",
      "Needs the owner or admin role."
    })
public class CheckoutCommand extends LinkCommand {

  @Override
  CheckoutLink request(BillingApi billing) {
    return billing.checkout();
  }

  @Override
  String purpose() {
    return "subscribe";
  }
}
