package dev.roberto.cli.webhooks;

import dev.roberto.cli.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto webhooks secret revoke}: end a signing secret at once. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke a signing secret at once; deliveries signed with it fail from then on.")
public class RevokeSecretCommand extends SecretSubcommand {

  @Parameters(paramLabel = "SECRET_ID", description = "The secret to revoke.")
  String secretId;

  @Override
  public Integer call() {
    webhooks().revokeSecret(agentId, secretId);
    output()
        .result(
            "Revoked signing secret " + secretId + " of agent " + agentId + ".",
            Map.of("agentId", agentId, "id", secretId, "revoked", true));
    return ExitCodes.OK;
  }
}
