package dev.roberto.cli.billing;

import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.CheckoutLink;
import picocli.CommandLine.Command;

/**
 * {@code roberto billing portal}: manage payment methods, invoices and the subscription on Stripe's
 * page.
 */
@Command(
    name = "portal",
    mixinStandardHelpOptions = true,
    description = {
      "Open the Stripe Billing Portal; needs a customer (`roberto billing setup`).",
      "Needs the owner or admin role."
    })
public class PortalCommand extends LinkCommand {

  @Override
  CheckoutLink request(BillingApi billing) {
    return billing.portal();
  }

  @Override
  String purpose() {
    return "manage payment methods, invoices and the subscription";
  }
}
