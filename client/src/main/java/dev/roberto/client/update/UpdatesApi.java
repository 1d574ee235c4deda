package dev.roberto.client.update;

import dev.roberto.client.RobertoClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The runtime-update endpoints a person calls with the stored login: issuing grants and reading an
 * agent's update status. The runtime's own calls are in {@link RuntimeSession}.
 */
public final class UpdatesApi {

  private final RobertoClient client;

  public UpdatesApi(RobertoClient client) {
    this.client = client;
  }

  /** Issues a grant (owner or admin). The response contains its token, shown only this once. */
  public IssuedGrant issueGrant(GrantRequest request) {
    return client.call("POST", "runtime", "/api/runtime/grants", request, IssuedGrant.class);
  }

  /** Returns the agent's update state from the runtime that reported it last. */
  public UpdateStatus agentUpdateStatus(String agentId) {
    String path =
        "/api/agents/" + URLEncoder.encode(agentId, StandardCharsets.UTF_8) + "/update-status";
    return client.call("GET", "runtime", path, null, UpdateStatus.class);
  }
}
