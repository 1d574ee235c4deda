package dev.roberto.cli.webhooks;

import dev.roberto.cli.ExitCodes;
import dev.roberto.cli.RotatableSecret;
import dev.roberto.client.webhook.SigningSecret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto webhooks secret rotate}: replace a signing secret. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Create a replacement for a signing secret and print it, the only time it is shown.",
      "The old secret stays valid for the control plane's rotation overlap."
    })
public class RotateSecretCommand extends SecretSubcommand {

  @Parameters(
      arity = "0..1",
      paramLabel = "SECRET_ID",
      description = "The secret to replace; may be left out when the agent has one active.")
  String secretId;

  @Override
  public Integer call() {
    String target =
        secretId != null
            ? secretId
            : RotatableSecret.WEBHOOK_SIGNING_SECRET.onlyActiveId(
                agentId, webhooks().listSecrets(agentId), SigningSecret::id, SigningSecret::status);
    SigningSecret created = webhooks().rotateSecret(agentId, target);
    output().resultOf(newSecret("Rotated " + target + " into", created), created);
    return ExitCodes.OK;
  }
}
