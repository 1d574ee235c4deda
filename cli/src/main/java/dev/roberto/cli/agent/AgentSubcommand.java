package dev.roberto.cli.agent;

import dev.roberto.cli.Output;
import dev.roberto.cli.RobertoCommand;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.agent.Agent;
import dev.roberto.client.agent.AgentApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared access to the global options and the agent output for the {@code agent} subcommands. */
abstract class AgentSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  RobertoCommand root() {
    return (RobertoCommand) spec.root().userObject();
  }

  RobertoClient client() {
    return root().client().build();
  }

  AgentApi agents() {
    return new AgentApi(client());
  }

  Output output() {
    return new Output(spec.commandLine().getOut(), root().json());
  }

  /** Prints one agent: a headline and its fields as text, or the agent as JSON. */
  void printAgent(String headline, Agent agent) {
    String text =
        String.join(
            "\n",
            headline,
            "ID:       " + agent.id(),
            "Name:     " + agent.name(),
            "State:    " + agent.state(),
            "Runtime:  " + agent.runtimeId(),
            "Channel:  " + agent.channel(),
            "Version:  " + agent.version(),
            "Changed:  " + agent.changedAt());
    output().result(text, fieldsOf(agent));
  }

  static Map<String, Object> fieldsOf(Agent agent) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", agent.id());
    fields.put("workspaceId", agent.workspaceId());
    fields.put("runtimeId", agent.runtimeId());
    fields.put("name", agent.name());
    fields.put("channel", agent.channel());
    fields.put("state", agent.state());
    fields.put("version", agent.version());
    fields.put("createdAt", agent.createdAt());
    fields.put("changedAt", agent.changedAt());
    return fields;
  }
}
