package dev.roberto.client.agent;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.RobertoException;
import dev.roberto.client.runtime.RuntimeApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agents of the signed-in workspace, on runtime-service's {@code /api/agents}. */
public final class AgentApi {

  private static final String SERVICE = "runtime";
  private static final String AGENTS = "/api/agents";

  private final RobertoClient client;

  public AgentApi(RobertoClient client) {
    this.client = client;
  }

  /**
   * Provisions an agent on a runtime.
   *
   * @param channel the release channel, or null for the server's default ({@code stable})
   */
  public Agent create(String name, String runtimeId, String channel) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("runtimeId", runtimeId);
    if (channel != null) {
      body.put("channel", channel);
    }
    return client.call("POST", SERVICE, AGENTS, body, Agent.class);
  }

  /** Lists the workspace's agents by name, only those of one runtime when it is not null. */
  public List<Agent> list(String runtimeId) {
    String path =
        runtimeId == null
            ? AGENTS
            : AGENTS + "?runtimeId=" + URLEncoder.encode(runtimeId, StandardCharsets.UTF_8);
    Agent[] agents = client.call("GET", SERVICE, path, null, Agent[].class);
    return agents == null ? List.of() : Arrays.asList(agents);
  }

  public Agent show(String agentId) {
    return client.call("GET", SERVICE, agentPath(agentId), null, Agent.class);
  }

  /** Starts the agent; starting a running agent returns it unchanged. */
  public Agent start(String agentId) {
    return client.call("POST", SERVICE, agentPath(agentId) + "/start", null, Agent.class);
  }

  /** Stops the agent; stopping a stopped agent returns it unchanged. */
  public Agent stop(String agentId) {
    return client.call("POST", SERVICE, agentPath(agentId) + "/stop", null, Agent.class);
  }

  /** Deletes a stopped agent. */
  public void delete(String agentId) {
    client.call("DELETE", SERVICE, agentPath(agentId), null, Void.class);
  }

  /**
   * Returns the id of the agent that {@code idOrName} names: an id as it is, or the id of the
   * workspace's agent with that name.
   */
  public String resolveId(String idOrName) {
    if (RuntimeApi.isId(idOrName)) {
      return idOrName;
    }
    return list(null).stream()
        .filter(agent -> agent.name().equals(idOrName))
        .map(Agent::id)
        .findFirst()
        .orElseThrow(
            () ->
                new RobertoException(
                    404,
                    "agent_not_found",
                    "No agent named " + idOrName + " exists in your workspace.",
                    "Run `roberto agent list` to see the workspace's agents.",
                    null));
  }

  private static String agentPath(String agentId) {
    return AGENTS + "/" + URLEncoder.encode(agentId, StandardCharsets.UTF_8);
  }
}
