package dev.roberto.cli.runtime;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.runtime.RuntimeApi;
import dev.roberto.client.runtime.RuntimeInfo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code roberto runtime list}: the workspace's runtimes. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the workspace's runtimes by name.")
public class ListCommand extends RuntimeSubcommand {

  @Override
  public Integer call() {
    List<RuntimeInfo> runtimes = new RuntimeApi(client()).list();
    output().result(table(runtimes), Map.of("runtimes", runtimes));
    return ExitCodes.OK;
  }

  private static String table(List<RuntimeInfo> runtimes) {
    if (runtimes.isEmpty()) {
      return "No runtimes yet. Register one with `roberto runtime register NAME`.";
    }
    StringBuilder text = new StringBuilder();
    text.append(String.format("%-36s  %-24s  %-28s  %s", "ID", "NAME", "CLIENT ID", "REGISTERED"));
    for (RuntimeInfo runtime : runtimes) {
      text.append('\n')
          .append(
              String.format(
                  "%-36s  %-24s  %-28s  %s",
                  runtime.id(),
                  runtime.name(),
                  runtime.credentialClientId() == null ? "-" : runtime.credentialClientId(),
                  runtime.registeredAt()));
    }
    return text.toString();
  }
}
