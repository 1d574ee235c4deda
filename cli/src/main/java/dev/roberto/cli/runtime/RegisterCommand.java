package dev.roberto.cli.runtime;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.runtime.CredentialFile;
import dev.roberto.client.runtime.RegisteredRuntime;
import dev.roberto.client.runtime.RuntimeApi;
import dev.roberto.client.runtime.RuntimeCredential;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code roberto runtime register NAME}: registers a runtime and hands over its credential, which
 * the server shows only in this one response.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Register a runtime (owner or admin) and print its credential, shown only this once.",
      "The runtime host's commands read it from "
          + RuntimeCredential.CLIENT_ID_VARIABLE
          + " and "
          + RuntimeCredential.CLIENT_SECRET_VARIABLE
          + "."
    })
public class RegisterCommand extends RuntimeSubcommand {

  @Parameters(
      paramLabel = "NAME",
      description = "Name of the runtime: letters, digits, '.', '_' or '-', at most 100.")
  String name;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description =
          "Write the credential to FILE (created readable only by you; an existing file is"
              + " never replaced) instead of printing the secret.")
  Path envFile;

  @Override
  public Integer call() {
    RobertoClient client = client();
    RegisteredRuntime registered = new RuntimeApi(client).register(name);

    Path written =
        envFile == null
            ? null
            : CredentialFile.write(envFile, client.controlPlaneUrl(), registered);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("runtime", registered.runtime());
    fields.put("clientId", registered.credential().clientId());
    if (written == null) {
      fields.put("clientSecret", registered.credential().clientSecret());
    } else {
      fields.put("credentialFile", written.toString());
    }
    String text =
        written == null
            ? printedCredential(client.controlPlaneUrl(), registered)
            : writtenCredential(registered, written);
    output().result(text, fields);
    return ExitCodes.OK;
  }

  private static String printedCredential(String controlPlaneUrl, RegisteredRuntime registered) {
    RuntimeCredential credential = registered.credential();
    return String.join(
        "\n",
        "Registered runtime " + registered.name() + " (" + registered.id() + ").",
        "",
        "Its credential is shown only this once; the control plane keeps no copy of the secret.",
        "On the runtime host, set it in the environment of the runtime commands:",
        "",
        "  export ROBERTO_CONTROL_PLANE=" + controlPlaneUrl,
        "  export " + RuntimeCredential.CLIENT_ID_VARIABLE + "=" + credential.clientId(),
        "  export " + RuntimeCredential.CLIENT_SECRET_VARIABLE + "=" + credential.clientSecret(),
        "",
        "Keep the secret out of shell history and version control. If it is lost, an owner or",
        "admin can issue another at auth-service: POST /api/auth/runtime-credentials with",
        "{\"runtimeId\": \"" + registered.id() + "\"}.");
  }

  private static String writtenCredential(RegisteredRuntime registered, Path written) {
    return String.join(
        "\n",
        "Registered runtime " + registered.name() + " (" + registered.id() + ").",
        "Its credential (client id " + registered.credential().clientId() + ") is in " + written,
        "Copy that file to the runtime host and load it into the environment of the runtime",
        "commands, for example: set -a; . " + written.getFileName() + "; set +a");
  }
}
