package dev.roberto.cli.agent;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import dev.roberto.client.runtime.RuntimeApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code roberto agent create NAME --runtime RUNTIME}: provisions a stopped agent. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Provision an agent on a runtime (owner or admin). It starts stopped.",
      "Refused with exit code 4 when the workspace's billing does not allow provisioning."
    })
public class CreateCommand extends AgentSubcommand {

  @Parameters(
      paramLabel = "NAME",
      description = "Name of the agent: letters, digits, '.', '_' or '-', at most 100.")
  String name;

  @Option(
      names = "--runtime",
      required = true,
      paramLabel = "RUNTIME",
      description = "The runtime to provision on: its id or its name.")
  String runtime;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description = "Release channel the agent follows (default: stable).")
  String channel;

  @Override
  public Integer call() {
    RobertoClient client = client();
    String runtimeId = new RuntimeApi(client).resolveId(runtime);
    Agent agent = new AgentApi(client).create(name, runtimeId, channel);
    printAgent(
        "Provisioned agent "
            + agent.name()
            + ". Start it with `roberto agent start "
            + agent.name()
            + "`.",
        agent);
    return ExitCodes.OK;
  }
}
