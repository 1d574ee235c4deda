package dev.roberto.client.release;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.UrlPaths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Releases of the signed-in workspace, on runtime-service's {@code /api/runtime/releases}.
 * Publishing and changing a rollout need the owner or admin role; any member may list.
 */
public final class ReleaseApi {

  private static final String SERVICE = "runtime";
  private static final String RELEASES = "/api/runtime/releases";

  private final RobertoClient client;

  public ReleaseApi(RobertoClient client) {
    this.client = client;
  }

  /**
   * Publishes a release. The server rejects it with {@code script_size_mismatch} or {@code
   * script_hash_mismatch} when a body does not match its declared size or SHA-256, and with {@code
   * release_exists} when the version was published on that channel before.
   */
  public Release publish(PublishRequest request) {
    return client.call("POST", SERVICE, RELEASES, request, Release.class);
  }

  /**
   * Lists the workspace's releases, newest version first.
   *
   * @param component {@code runtime}, {@code agent}, or null for both
   * @param channel a channel name, or null for every channel
   */
  public List<Release> list(String component, String channel) {
    List<String> filters = new ArrayList<>();
    if (component != null) {
      filters.add("component=" + UrlPaths.query(component));
    }
    if (channel != null) {
      filters.add("channel=" + UrlPaths.query(channel));
    }
    String path = filters.isEmpty() ? RELEASES : RELEASES + "?" + String.join("&", filters);
    Release[] releases = client.call("GET", SERVICE, path, null, Release[].class);
    return releases == null ? List.of() : Arrays.asList(releases);
  }

  /** Sets the share of runtimes, 0 to 100 percent, that are offered the release. */
  public Release changeRollout(String releaseId, int rolloutPercent) {
    String path = RELEASES + "/" + UrlPaths.segment(releaseId);
    return client.call(
        "PATCH", SERVICE, path, Map.of("rolloutPercent", rolloutPercent), Release.class);
  }
}
