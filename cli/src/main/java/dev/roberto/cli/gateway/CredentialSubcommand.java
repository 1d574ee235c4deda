package dev.roberto.cli.gateway;

import dev.roberto.cli.ApiSubcommand;
import dev.roberto.client.gateway.GatewayCredential;
import dev.roberto.client.gateway.GatewayCredentialsApi;
import picocli.CommandLine.Option;

/** The {@code --agent} option and the text shown for a new token. */
abstract class CredentialSubcommand extends ApiSubcommand {

  @Option(
      names = "--agent",
      required = true,
      paramLabel = "AGENT_ID",
      description = "The agent whose gateway tokens to manage.")
  String agentId;

  GatewayCredentialsApi credentials() {
    return new GatewayCredentialsApi(client());
  }

  /** Returns the text for a new token, the only time its value is shown. */
  static String newToken(String action, GatewayCredential credential) {
    return String.join(
        "\n",
        action
            + " gateway credential "
            + credential.id()
            + " for agent "
            + credential.agentId()
            + ".",
        "Token (shown only this once; store it now, e.g. as the agent's API key):",
        "  " + credential.token());
  }
}
