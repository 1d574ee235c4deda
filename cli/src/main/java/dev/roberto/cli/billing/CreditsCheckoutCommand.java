package dev.roberto.cli.billing;

import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.CheckoutLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto billing credits-checkout}: buy a credit pack on Stripe's page. */
@Command(
    name = "credits-checkout",
    mixinStandardHelpOptions = true,
    description = {
      "Buy a credit pack on a Stripe Checkout page; the credits arrive once Stripe reports the"
          + " payment.",
      "Needs the owner or admin role."
    })
public class CreditsCheckoutCommand extends LinkCommand {

  @Option(
      names = "--amount",
      required = true,
      paramLabel = "CENTS",
      description =
          "Price of the pack in minor units of the billing currency (cents): 2000 buys 20.00 of"
              + " credits. The control plane sets the smallest and largest amount.")
  long amount;

  @Override
  CheckoutLink request(BillingApi billing) {
    return billing.creditsCheckout(amount);
  }

  @Override
  String purpose() {
    return "pay for the credit pack";
  }
}
