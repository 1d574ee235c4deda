package dev.roberto.auth.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The clients that may start a device login, as named in requests and shown to people. */
public enum DeviceClient {
  CLI("cli", "Roberto CLI"),
  MCP("mcp", "Roberto MCP server");

  private final String id;
  private final String displayName;

  DeviceClient(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public static Optional<DeviceClient> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String requested = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(client -> client.id.equals(requested)).findFirst();
  }
}
