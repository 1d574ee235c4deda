package dev.roberto.cli.gateway;

import dev.roberto.cli.ExitCodes;
import dev.roberto.cli.RotatableSecret;
import dev.roberto.client.gateway.GatewayCredential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto gateway credentials rotate}: replace a gateway token. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Create a replacement for an active gateway token and print it, the only time it is shown.",
      "The old token stays valid for the control plane's rotation overlap."
    })
public class RotateCredentialCommand extends CredentialSubcommand {

  @Parameters(
      arity = "0..1",
      paramLabel = "CREDENTIAL_ID",
      description = "The credential to replace; may be left out when the agent has one active.")
  String credentialId;

  @Override
  public Integer call() {
    String target =
        credentialId != null
            ? credentialId
            : RotatableSecret.GATEWAY_CREDENTIAL.onlyActiveId(
                agentId,
                credentials().list(agentId),
                GatewayCredential::id,
                GatewayCredential::status);
    GatewayCredential created = credentials().rotate(agentId, target);
    output().resultOf(newToken("Rotated " + target + " into", created), created);
    return ExitCodes.OK;
  }
}
