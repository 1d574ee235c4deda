package dev.roberto.cli.gateway;

import dev.roberto.cli.ExitCodes;
import dev.roberto.cli.TextTable;
import dev.roberto.client.gateway.GatewayCredential;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code roberto gateway credentials list}: an agent's gateway tokens, without their values. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the agent's gateway tokens by id and prefix, with status and dates.")
public class ListCredentialsCommand extends CredentialSubcommand {

  @Override
  public Integer call() {
    List<GatewayCredential> credentials = credentials().list(agentId);
    output().resultOf(text(credentials), credentials);
    return ExitCodes.OK;
  }

  private String text(List<GatewayCredential> credentials) {
    if (credentials.isEmpty()) {
      return "Agent "
          + agentId
          + " has no gateway credentials; create one with `roberto gateway credentials create"
          + " --agent "
          + agentId
          + "`.";
    }
    TextTable table = new TextTable("ID", "PREFIX", "STATUS", "CREATED", "LAST USED", "EXPIRES");
    for (GatewayCredential credential : credentials) {
      table.add(
          credential.id(),
          credential.prefix(),
          credential.status(),
          credential.createdAt(),
          credential.lastUsedAt() == null ? "never" : credential.lastUsedAt(),
          credential.expiresAt());
    }
    return String.join("\n", table.lines());
  }
}
