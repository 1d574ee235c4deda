package dev.roberto.cli.auth;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto auth logout}: revoke the login on the server and remove it locally. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = {
      "Revoke the stored login on the server, then remove it from the auth store.",
      "Logins of other control planes stay stored."
    })
public class LogoutCommand extends AuthSubcommand {

  @Option(
      names = "--local-only",
      description = "Only remove the local entry; the server keeps the refresh token valid.")
  boolean localOnly;

  @Override
  public Integer call() {
    RobertoClient client = root().client().build();
    boolean removed = client.logout(localOnly);
    String text;
    if (!removed) {
      text = "No login is stored for " + client.controlPlaneUrl() + "; nothing to do.";
    } else if (localOnly) {
      text =
          "Removed the local login for "
              + client.controlPlaneUrl()
              + "; its refresh token stays valid on the server.";
    } else {
      text = "Logged out of " + client.controlPlaneUrl() + " and revoked the login on the server.";
    }
    output()
        .result(
            text,
            Map.of(
                "controlPlaneUrl",
                client.controlPlaneUrl(),
                "removed",
                removed,
                "revoked",
                removed && !localOnly));
    return ExitCodes.OK;
  }
}
