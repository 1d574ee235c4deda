package dev.roberto.cli.agent;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import dev.roberto.client.runtime.RuntimeApi;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roberto agent list}: the workspace's agents. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the workspace's agents by name.")
public class ListCommand extends AgentSubcommand {

  @Option(
      names = "--runtime",
      paramLabel = "RUNTIME",
      description = "Only the agents of this runtime: its id or its name.")
  String runtime;

  @Override
  public Integer call() {
    RobertoClient client = client();
    String runtimeId = runtime == null ? null : new RuntimeApi(client).resolveId(runtime);
    List<Agent> agents = new AgentApi(client).list(runtimeId);
    output().result(table(agents), Map.of("agents", agents));
    return ExitCodes.OK;
  }

  private static String table(List<Agent> agents) {
    if (agents.isEmpty()) {
      return "No agents yet. Provision one with `roberto agent create NAME --runtime RUNTIME`.";
    }
    String format = "%-36s  %-24s  %-8s  %-10s  %s";
    StringBuilder text = new StringBuilder();
    text.append(String.format(format, "ID", "NAME", "STATE", "CHANNEL", "RUNTIME"));
    for (Agent agent : agents) {
      text.append('\n')
          .append(
              String.format(
                  format,
                  agent.id(),
                  agent.name(),
                  agent.state(),
                  agent.channel(),
                  agent.runtimeId()));
    }
    return text.toString();
  }
}
