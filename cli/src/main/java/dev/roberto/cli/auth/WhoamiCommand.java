package dev.roberto.cli.auth;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.WhoAmI;
import dev.roberto.client.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code roberto auth whoami}: the account and workspace of the stored login. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show the account, workspace and roles of the stored login.")
public class WhoamiCommand extends AuthSubcommand {

  @Override
  public Integer call() {
    RobertoClient client = root().client().build();
    WhoAmI identity = client.whoami();
    String workspaceName =
        client.workspaces().stream()
            .filter(workspace -> workspace.workspaceId().equals(identity.workspaceId()))
            .map(Workspace::workspaceName)
            .findFirst()
            .orElse(null);

    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("controlPlaneUrl", client.controlPlaneUrl());
    fields.put("email", identity.email());
    fields.put("userId", identity.userId());
    fields.put("workspaceId", identity.workspaceId());
    fields.put("workspaceName", workspaceName);
    fields.put("roles", identity.roles());
    fields.put("expiresAt", identity.expiresAt());
    String text =
        String.join(
            "\n",
            "User:          " + identity.email(),
            "Workspace:     "
                + (workspaceName == null ? "" : workspaceName + " ")
                + "("
                + identity.workspaceId()
                + ")",
            "Roles:         " + String.join(", ", identity.roles()),
            "Control plane: " + client.controlPlaneUrl());
    output().result(text, fields);
    return ExitCodes.OK;
  }
}
