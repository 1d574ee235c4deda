package dev.roberto.cli.agent;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.agent.AgentApi;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto agent delete AGENT}: deletes a stopped agent. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a stopped agent (owner or admin); stop a running agent first.")
public class DeleteCommand extends AgentSubcommand {

  @Parameters(paramLabel = "AGENT", description = "The agent's id or name.")
  String agent;

  @Override
  public Integer call() {
    AgentApi agents = agents();
    String agentId = agents.resolveId(agent);
    agents.delete(agentId);
    output().result("Deleted agent " + agent + ".", Map.of("id", agentId, "deleted", true));
    return ExitCodes.OK;
  }
}
