package dev.roberto.cli;

import dev.roberto.cli.agent.AgentCommand;
import dev.roberto.cli.auth.AuthCommand;
import dev.roberto.cli.billing.BillingCommand;
import dev.roberto.cli.gateway.GatewayCommand;
import dev.roberto.cli.release.ReleaseCommand;
import dev.roberto.cli.runtime.RuntimeCommand;
import dev.roberto.cli.usage.UsageCommand;
import dev.roberto.cli.webhooks.WebhooksCommand;
import dev.roberto.client.RequestLog;
import dev.roberto.client.RobertoClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code roberto} command and its global options. */
@Command(
    name = "roberto",
    mixinStandardHelpOptions = true,
    versionProvider = RobertoCommand.Version.class,
    description = "Command line of the Roberto control plane for hosted AI agents.",
    subcommands = {
      AuthCommand.class,
      BillingCommand.class,
      GatewayCommand.class,
      WebhooksCommand.class,
      UsageCommand.class,
      RuntimeCommand.class,
      AgentCommand.class,
      ReleaseCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:Any other failure, such as a server error or an unreadable auth store.",
      "2:Usage error: unknown command or option, missing or invalid value.",
      "3:Authentication: not logged in, tokens rejected, login denied or expired.",
      "4:Billing: the workspace's billing does not allow the request.",
      "5:Server unavailable: no connection, timed out, or HTTP 502, 503, 504."
    },
    footer = {
      "",
      "Every error prints a hint with the next step. The auth store is",
      "$XDG_CONFIG_HOME/roberto/auth.json (or ~/.config/roberto/auth.json)."
    })
public class RobertoCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--control-plane",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:ROBERTO_CONTROL_PLANE:-http://127.0.0.1:8081}",
      description =
          "Control plane URL (default: $ROBERTO_CONTROL_PLANE, else http://127.0.0.1:8081).")
  String controlPlane;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print results and errors as JSON.")
  boolean json;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print each HTTP request with its status and request id to stderr.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public String controlPlane() {
    return controlPlane;
  }

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }

  /** Returns a client for the chosen control plane, printing requests when verbose. */
  public RobertoClient.Builder client() {
    PrintWriter err = spec.commandLine().getErr();
    return RobertoClient.builder(controlPlane)
        .requestLog(
            log -> {
              if (verbose) {
                err.println(describe(log));
                err.flush();
              }
            });
  }

  private static String describe(RequestLog log) {
    String status = log.status() == 0 ? "no response" : Integer.toString(log.status());
    return log.method()
        + " "
        + log.uri()
        + " -> "
        + status
        + " (request id "
        + log.requestId()
        + ")";
  }

  /** Reads the version that Maven wrote into {@code roberto-cli.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = RobertoCommand.class.getResourceAsStream("/roberto-cli.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
        "roberto " + properties.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version")
      };
    }
  }
}
