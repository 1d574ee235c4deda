package dev.roberto.cli.auth;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.StoredLogin;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto auth login}: the device login, approved in a browser. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in with a device code: open the printed URL, sign in, enter the code and approve.",
      "The tokens are stored for this control plane only; other logins stay as they are."
    })
public class LoginCommand extends AuthSubcommand {

  @Option(
      names = "--no-browser",
      description = "Do not open a browser; only print the URL and the code.")
  boolean noBrowser;

  @Override
  public Integer call() {
    PrintWriter err = err();
    Countdown countdown = new Countdown(err, Clock.systemUTC(), System.console() != null);
    RobertoClient client = root().client().sleeper(countdown).build();

    DeviceCode code = client.startLogin();
    countdown.expiresAt(code.expiresAt());
    err.println("To log in to " + client.controlPlaneUrl() + ", open");
    err.println("  " + code.verificationUri());
    err.println("and enter the code " + code.userCode());
    boolean opened =
        !noBrowser
            && code.verificationUriComplete() != null
            && Browser.open(code.verificationUriComplete());
    if (opened) {
      err.println("A browser window was opened with the code filled in.");
    }
    err.flush();

    StoredLogin login;
    try {
      login = client.finishLogin(code);
    } finally {
      countdown.finish();
    }

    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("controlPlaneUrl", client.controlPlaneUrl());
    fields.put("email", login.email());
    fields.put("workspaceId", login.workspaceId());
    output()
        .result(
            "Logged in to "
                + client.controlPlaneUrl()
                + " as "
                + login.email()
                + " (workspace "
                + login.workspaceId()
                + ").",
            fields);
    return ExitCodes.OK;
  }
}
