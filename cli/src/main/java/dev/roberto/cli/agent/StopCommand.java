package dev.roberto.cli.agent;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto agent stop AGENT}: stops an agent. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop an agent; stopping a stopped agent changes nothing.")
public class StopCommand extends AgentSubcommand {

  @Parameters(paramLabel = "AGENT", description = "The agent's id or name.")
  String agent;

  @Override
  public Integer call() {
    AgentApi agents = agents();
    Agent stopped = agents.stop(agents.resolveId(agent));
    printAgent("Agent " + stopped.name() + " is " + stopped.state() + ".", stopped);
    return ExitCodes.OK;
  }
}
