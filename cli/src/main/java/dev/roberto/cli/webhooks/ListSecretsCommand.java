package dev.roberto.cli.webhooks;

import dev.roberto.cli.ExitCodes;
import dev.roberto.cli.TextTable;
import dev.roberto.client.webhook.SigningSecret;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code roberto webhooks secret list}: an agent's signing secrets, without their values. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the agent's signing secrets by id and prefix, with status and dates.")
public class ListSecretsCommand extends SecretSubcommand {

  @Override
  public Integer call() {
    List<SigningSecret> secrets = webhooks().listSecrets(agentId);
    output().resultOf(text(secrets), secrets);
    return ExitCodes.OK;
  }

  private String text(List<SigningSecret> secrets) {
    if (secrets.isEmpty()) {
      return "Agent "
          + agentId
          + " has no signing secrets; create one with `roberto webhooks secret create --agent "
          + agentId
          + "`.";
    }
    TextTable table = new TextTable("ID", "PREFIX", "STATUS", "CREATED", "EXPIRES");
    for (SigningSecret secret : secrets) {
      table.add(
          secret.id(), secret.prefix(), secret.status(), secret.createdAt(), secret.expiresAt());
    }
    return String.join("\n", table.lines());
  }
}
