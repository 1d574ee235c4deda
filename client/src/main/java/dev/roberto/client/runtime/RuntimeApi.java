package dev.roberto.client.runtime;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.RobertoException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runtimes of the signed-in workspace, on runtime-service's {@code /api/runtime/runtimes}. */
public final class RuntimeApi {

  static final String SERVICE = "runtime";
  private static final String RUNTIMES = "/api/runtime/runtimes";
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final RobertoClient client;

  public RuntimeApi(RobertoClient client) {
    this.client = client;
  }

  /**
   * Registers a runtime; the response carries the runtime's credential, whose secret the server
   * never shows again.
   */
  public RegisteredRuntime register(String name) {
    return client.call("POST", SERVICE, RUNTIMES, Map.of("name", name), RegisteredRuntime.class);
  }

  /** Lists the workspace's runtimes by name. */
  public List<RuntimeInfo> list() {
    RuntimeInfo[] runtimes = client.call("GET", SERVICE, RUNTIMES, null, RuntimeInfo[].class);
    return runtimes == null ? List.of() : Arrays.asList(runtimes);
  }

  /**
   * Returns the id of the runtime that {@code idOrName} names: an id as it is, or the id of the
   * workspace's runtime with that name.
   */
  public String resolveId(String idOrName) {
    if (isId(idOrName)) {
      return idOrName;
    }
    return list().stream()
        .filter(runtime -> runtime.name().equals(idOrName))
        .map(RuntimeInfo::id)
        .findFirst()
        .orElseThrow(
            () ->
                new RobertoException(
                    404,
                    "runtime_not_found",
                    "No runtime named " + idOrName + " exists in your workspace.",
                    "Run `roberto runtime list` to see the workspace's runtimes.",
                    null));
  }

  /** Tells whether the text has the form of a UUID, the form of runtime and agent ids. */
  public static boolean isId(String text) {
    return UUID_FORM.matcher(text).matches();
  }
}
