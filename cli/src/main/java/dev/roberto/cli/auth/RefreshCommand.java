package dev.roberto.cli.auth;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.store.StoredLogin;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code roberto auth refresh}: a new token pair for the stored login. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Exchange the stored refresh token for new tokens.")
public class RefreshCommand extends AuthSubcommand {

  @Override
  public Integer call() {
    RobertoClient client = root().client().build();
    StoredLogin login = client.refresh();
    output()
        .result(
            "Refreshed the tokens for "
                + login.email()
                + " at "
                + client.controlPlaneUrl()
                + "; the access token expires at "
                + login.accessTokenExpiresAt()
                + ".",
            Map.of(
                "controlPlaneUrl", client.controlPlaneUrl(),
                "email", String.valueOf(login.email()),
                "accessTokenExpiresAt", login.accessTokenExpiresAt()));
    return ExitCodes.OK;
  }
}
