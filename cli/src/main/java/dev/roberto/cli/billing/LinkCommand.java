package dev.roberto.cli.billing;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.cli.auth.Browser;
import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.CheckoutLink;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * A command that gets a Stripe page: it prints the URL on stdout and opens a browser where one
 * exists, unless {@code --no-browser}.
 */
abstract class LinkCommand extends ApiSubcommand {

  @Option(names = "--no-browser", description = "Do not open a browser; only print the URL.")
  boolean noBrowser;

  /** Asks billing-service for the page. */
  abstract CheckoutLink request(BillingApi billing);

  /** Returns the person's task on the page, such as "add a payment method". */
  abstract String purpose();

  @Override
  public Integer call() {
    CheckoutLink link = request(new BillingApi(client()));
    PrintWriter err = err();
    err.println("Open this Stripe page to " + purpose() + ":");
    err.flush();
    output().resultOf(link.url(), link);
    if (!noBrowser && Browser.open(link.url())) {
      err.println("A browser window was opened with it.");
      err.flush();
    }
    return ExitCodes.OK;
  }
}
