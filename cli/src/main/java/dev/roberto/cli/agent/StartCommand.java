package dev.roberto.cli.agent;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto agent start AGENT}: starts an agent. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start an agent; starting a running agent changes nothing.",
      "Refused with exit code 4 when the workspace's billing does not allow starting agents."
    })
public class StartCommand extends AgentSubcommand {

  @Parameters(paramLabel = "AGENT", description = "The agent's id or name.")
  String agent;

  @Override
  public Integer call() {
    AgentApi agents = agents();
    Agent started = agents.start(agents.resolveId(agent));
    printAgent("Agent " + started.name() + " is " + started.state() + ".", started);
    return ExitCodes.OK;
  }
}
