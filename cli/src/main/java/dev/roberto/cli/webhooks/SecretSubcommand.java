package dev.roberto.cli.webhooks;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.client.webhook.SigningSecret;
import dev.roberto.client.webhook.WebhooksApi;
import picocli.CommandLine.Option;

/** The {@code --agent} option and the text shown for a new secret. */
abstract class SecretSubcommand extends ApiSubcommand {

  @Option(
      names = "--agent",
      required = true,
      paramLabel = "AGENT_ID",
      description = "The agent whose signing secrets to manage.")
  String agentId;

  WebhooksApi webhooks() {
    return new WebhooksApi(client());
  }

  /** Returns the text for a new secret, the only time its value is shown. */
  static String newSecret(String action, SigningSecret secret) {
    return String.join(
        "\n",
        action + " signing secret " + secret.id() + " for agent " + secret.agentId() + ".",
        "Secret (shown only this once; store it now, e.g. in a file for"
            + " `roberto usage send --secret-file`):",
        "  " + secret.secret());
  }
}
