package dev.roberto.cli.gateway;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.gateway.GatewayCredential;
import picocli.CommandLine.Command;

/** {@code roberto gateway credentials create}: a new gateway token for an agent. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a gateway token for the agent and print it, the only time it is shown.")
public class CreateCredentialCommand extends CredentialSubcommand {

  @Override
  public Integer call() {
    GatewayCredential created = credentials().create(agentId);
    output().resultOf(newToken("Created", created), created);
    return ExitCodes.OK;
  }
}
