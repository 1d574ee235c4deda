package dev.roberto.cli.billing;

import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.CheckoutLink;
import picocli.CommandLine.Command;

/** {@code roberto billing setup}: add a payment method on Stripe's page. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Add a payment method on a Stripe Checkout page; creates the workspace's Stripe customer once.",
      "Needs the owner or admin role."
    })
public class SetupCommand extends LinkCommand {

  @Override
  CheckoutLink request(BillingApi billing) {
    return billing.setup();
  }

  @Override
  String purpose() {
    return "add a payment method";
  }
}
