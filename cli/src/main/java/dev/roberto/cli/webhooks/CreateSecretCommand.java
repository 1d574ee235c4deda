package dev.roberto.cli.webhooks;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.webhook.SigningSecret;
import picocli.CommandLine.Command;

/** {@code roberto webhooks secret create}: a new signing secret for an agent. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a signing secret for the agent and print it, the only time it is shown.")
public class CreateSecretCommand extends SecretSubcommand {

  @Override
  public Integer call() {
    SigningSecret created = webhooks().createSecret(agentId);
    output().resultOf(newSecret("Created", created), created);
    return ExitCodes.OK;
  }
}
