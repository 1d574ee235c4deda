package dev.roberto.cli.agent;

import dev.roberto.cli.ExitCodes;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roberto agent show AGENT}: one agent's state. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an agent.")
public class ShowCommand extends AgentSubcommand {

  @Parameters(paramLabel = "AGENT", description = "The agent's id or name.")
  String agent;

  @Override
  public Integer call() {
    AgentApi agents = agents();
    Agent shown = agents.show(agents.resolveId(agent));
    printAgent("Agent " + shown.name() + " is " + shown.state() + ".", shown);
    return ExitCodes.OK;
  }
}
