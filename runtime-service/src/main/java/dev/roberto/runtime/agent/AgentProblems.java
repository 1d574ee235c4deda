package dev.roberto.runtime.agent;

import dev.roberto.common.problem.ProblemException;

/** The problems of the agent endpoints. */
final class AgentProblems {

  private AgentProblems() {}

  static ProblemException notFound(String agentId) {
    return new ProblemException(
        404,
        "agent_not_found",
        "Agent not found",
        "No agent " + agentId + " exists in your workspace.",
        "Run `roberto agent list` to see the workspace's agents.");
  }

  static ProblemException nameTaken(String name) {
    return new ProblemException(
        409,
        "agent_name_taken",
        "Agent name taken",
        "The workspace already has an agent named " + name + ".",
        "Choose another name, or run `roberto agent list` to see the workspace's agents.");
  }

  static ProblemException running(Agent agent) {
    return new ProblemException(
        409,
        "agent_running",
        "Agent running",
        "Agent " + agent.name + " (" + agent.id + ") is running and cannot be deleted.",
        "Run `roberto agent stop " + agent.id + "` first, then delete it.");
  }
}
