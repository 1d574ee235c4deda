package dev.roberto.cli.usage;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.cli.ExitCodes;
import dev.roberto.client.AuthenticationException;
import dev.roberto.client.webhook.UsageReceipt;
import dev.roberto.client.webhook.UsageReport;
import dev.roberto.client.webhook.WebhooksApi;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code roberto usage send}: one signed usage report, as an agent's runtime would send it. The
 * intake takes no access token, so this works without a login.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Send one usage report of an agent to the usage webhook, signed with the agent's signing"
          + " secret when one is given.",
      "The secret comes from --secret-file or the environment variable ROBERTO_WEBHOOK_SECRET,"
          + " and is never printed."
    })
public class SendUsageCommand extends ApiSubcommand {

  @Option(
      names = "--agent",
      required = true,
      paramLabel = "AGENT_ID",
      description = "The agent that used the tokens.")
  String agentId;

  @Option(
      names = "--input-tokens",
      required = true,
      paramLabel = "N",
      description = "Input (prompt) tokens.")
  long inputTokens;

  @Option(
      names = "--output-tokens",
      required = true,
      paramLabel = "N",
      description = "Output (completion) tokens.")
  long outputTokens;

  @Option(
      names = "--cached-tokens",
      paramLabel = "N",
      defaultValue = "0",
      description = "Input tokens served from the provider's cache (default: 0).")
  long cachedTokens;

  @Option(
      names = "--cost-micros",
      paramLabel = "N",
      description =
          "Cost in micro-units of the billing currency (1 cent is 10000); without it billing"
              + " prices the tokens.")
  Long costMicros;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL",
      description = "The model that was called, such as gpt-4o-mini; the intake requires it.")
  String model;

  @Option(
      names = "--occurred-at",
      paramLabel = "TIME",
      description = "When the usage happened, ISO-8601 with an offset (default: now).")
  String occurredAt;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description =
          "Sent as x-idempotency-key: a retry with the same key and report counts once"
              + " (1 to 255 printable ASCII characters). Needs --occurred-at, so that a retry"
              + " sends the identical report.")
  String idempotencyKey;

  @Option(
      names = "--secret-file",
      paramLabel = "FILE",
      description =
          "File that contains the agent's signing secret (default: $ROBERTO_WEBHOOK_SECRET).")
  Path secretFile;

  @Override
  public Integer call() {
    String secret =
        SigningSecretSource.find(
            secretFile, System.getenv(SigningSecretSource.ENVIRONMENT_VARIABLE));
    UsageReport report =
        new UsageReport(
            inputTokens, outputTokens, cachedTokens, costMicros, model, occurredAtOrNow());
    UsageReceipt receipt;
    try {
      receipt = new WebhooksApi(client()).sendUsage(agentId, report, secret, idempotencyKey);
    } catch (AuthenticationException e) {
      throw secret == null ? withSecretHint(e) : e;
    }
    output().resultOf(text(receipt), receipt);
    return ExitCodes.OK;
  }

  private String occurredAtOrNow() {
    if (occurredAt == null && idempotencyKey != null) {
      throw new IllegalArgumentException(
          "--idempotency-key needs --occurred-at: a retry must send the identical report, and"
              + " the default time changes on every run.");
    }
    if (occurredAt == null) {
      return Instant.now().toString();
    }
    try {
      OffsetDateTime.parse(occurredAt);
      return occurredAt;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid --occurred-at '"
              + occurredAt
              + "': pass ISO-8601 with an offset, such as 2026-12-04T20:00:00Z.");
    }
  }

  private String text(UsageReceipt receipt) {
    if (receipt.replayed()) {
      return "Replayed: the idempotency key was used before with the same report, so usage event "
          + receipt.eventId()
          + " of agent "
          + receipt.agentId()
          + " counts once and nothing new was recorded.";
    }
    return "Accepted usage event "
        + receipt.eventId()
        + " for agent "
        + receipt.agentId()
        + " (workspace "
        + receipt.workspaceId()
        + ").";
  }

  /** Returns the rejection of an unsigned report with a hint that names the secret's sources. */
  private AuthenticationException withSecretHint(AuthenticationException e) {
    return new AuthenticationException(
        e.status(),
        e.code(),
        e.getMessage(),
        "Pass --secret-file FILE or set "
            + SigningSecretSource.ENVIRONMENT_VARIABLE
            + " to the agent's signing secret (`roberto webhooks secret create --agent "
            + agentId
            + "` makes one).",
        e.requestId(),
        e.extensions());
  }
}
