package dev.roberto.cli.gateway;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.gateway.GatewayCredential;
import java.util.List;
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
    String target = credentialId != null ? credentialId : onlyActive();
    GatewayCredential created = credentials().rotate(agentId, target);
    output().resultOf(newToken("Rotated " + target + " into", created), created);
    return ExitCodes.OK;
  }

  private String onlyActive() {
    List<String> active =
        credentials().list(agentId).stream()
            .filter(credential -> "active".equals(credential.status()))
            .map(GatewayCredential::id)
            .toList();
    if (active.size() != 1) {
      throw new IllegalArgumentException(
          "Agent "
              + agentId
              + " has "
              + active.size()
              + " active gateway credentials; name the one to rotate (see `roberto gateway"
              + " credentials list --agent "
              + agentId
              + "`).");
    }
    return active.get(0);
  }
}
