package dev.roberto.mcp;

import static dev.roberto.mcp.ToolClients.reported;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import dev.roberto.client.runtime.RuntimeApi;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/** MCP tools for agents: provision, list, show, start, stop and delete. */
@Singleton
public class AgentTools {

  private static final String AGENT_ARG = "The agent's id or its name in the workspace";

  private final ToolClients clients;

  public AgentTools(ToolClients clients) {
    this.clients = clients;
  }

  @Tool(
      name = "create_agent",
      description =
          "Provision an agent on a runtime (needs owner or admin). It starts stopped. Refused"
              + " with billing_inactive when the workspace's billing does not allow it.")
  public String createAgent(
      @ToolArg(description = "Name of the agent: letters, digits, '.', '_' or '-'") String name,
      @ToolArg(description = "The runtime's id or name") String runtime,
      @ToolArg(description = "Release channel, stable when omitted", required = false)
          String channel) {
    return reported(
        () -> {
          RobertoClient client = clients.client();
          String runtimeId = new RuntimeApi(client).resolveId(runtime);
          Agent agent = new AgentApi(client).create(name, runtimeId, channel);
          return "Provisioned agent. " + describe(agent);
        });
  }

  @Tool(name = "list_agents", description = "List the agents of the workspace by name.")
  public String listAgents(
      @ToolArg(description = "Only the agents of this runtime (id or name)", required = false)
          String runtime) {
    return reported(
        () -> {
          RobertoClient client = clients.client();
          String runtimeId = runtime == null ? null : new RuntimeApi(client).resolveId(runtime);
          List<Agent> agents = new AgentApi(client).list(runtimeId);
          if (agents.isEmpty()) {
            return "No agents found; provision one with create_agent.";
          }
          return agents.stream().map(AgentTools::describe).collect(Collectors.joining("\n"));
        });
  }

  @Tool(name = "show_agent", description = "Show an agent's state, runtime and channel.")
  public String showAgent(@ToolArg(description = AGENT_ARG) String agent) {
    return reported(
        () -> {
          AgentApi agents = new AgentApi(clients.client());
          return describe(agents.show(agents.resolveId(agent)));
        });
  }

  @Tool(
      name = "start_agent",
      description =
          "Start an agent; a running agent stays as it is. Refused with billing_inactive when"
              + " the workspace's billing does not allow starting agents.")
  public String startAgent(@ToolArg(description = AGENT_ARG) String agent) {
    return reported(
        () -> {
          AgentApi agents = new AgentApi(clients.client());
          return describe(agents.start(agents.resolveId(agent)));
        });
  }

  @Tool(name = "stop_agent", description = "Stop an agent; a stopped agent stays as it is.")
  public String stopAgent(@ToolArg(description = AGENT_ARG) String agent) {
    return reported(
        () -> {
          AgentApi agents = new AgentApi(clients.client());
          return describe(agents.stop(agents.resolveId(agent)));
        });
  }

  @Tool(
      name = "delete_agent",
      description = "Delete a stopped agent (needs owner or admin); stop a running one first.")
  public String deleteAgent(@ToolArg(description = AGENT_ARG) String agent) {
    return reported(
        () -> {
          AgentApi agents = new AgentApi(clients.client());
          String agentId = agents.resolveId(agent);
          agents.delete(agentId);
          return "Deleted agent " + agent + " (id " + agentId + ").";
        });
  }

  private static String describe(Agent agent) {
    return "Agent "
        + agent.name()
        + " (id "
        + agent.id()
        + ") is "
        + agent.state()
        + " on runtime "
        + agent.runtimeId()
        + ", channel "
        + agent.channel()
        + ", version "
        + agent.version()
        + ".";
  }
}
