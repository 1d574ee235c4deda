package dev.roberto.cli.gateway;

import dev.roberto.cli.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto gateway credentials revoke}: end a gateway token at once. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke a gateway token at once; calls with it fail from then on.")
public class RevokeCredentialCommand extends CredentialSubcommand {

  @Parameters(paramLabel = "CREDENTIAL_ID", description = "The credential to revoke.")
  String credentialId;

  @Override
  public Integer call() {
    credentials().revoke(agentId, credentialId);
    output()
        .result(
            "Revoked gateway credential " + credentialId + " of agent " + agentId + ".",
            Map.of("agentId", agentId, "id", credentialId, "revoked", true));
    return ExitCodes.OK;
  }
}
