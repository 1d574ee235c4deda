package dev.roberto.cli.billing;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.billing.BillingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto billing summary}: credits and usage of a period. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description =
        "Show the credits granted and consumed in a period, the balance, and usage by agent and"
            + " by model.")
public class SummaryCommand extends ApiSubcommand {

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      converter = SummaryPeriod.Converter.class,
      description =
          "A month as YYYY-MM, or dates as YYYY-MM-DD..YYYY-MM-DD (UTC, the end excluded);"
              + " default: this month.")
  SummaryPeriod period;

  @Override
  public Integer call() {
    BillingApi billing = new BillingApi(client());
    BillingSummary summary =
        period == null ? billing.summary(null, null) : billing.summary(period.from(), period.to());
    output().resultOf(BillingText.summary(summary), summary);
    return ExitCodes.OK;
  }
}
