package dev.roberto.mcp;

import dev.roberto.client.AuthenticationException;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.RobertoException;
import dev.roberto.client.store.AuthStore;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client of the configured control plane on the CLI's auth store, and the translation of its
 * failures into tool errors, for the runtime and agent tools.
 */
@Singleton
public class ToolClients {

  private final String controlPlane;

  public ToolClients(@ConfigProperty(name = "roberto.control-plane") String controlPlane) {
    this.controlPlane = controlPlane;
  }

  RobertoClient client() {
    return RobertoClient.builder(controlPlane)
        .clientName("mcp")
        .store(AuthStore.inConfigFolder())
        .build();
  }

  /** Runs a tool body and turns a failure into a tool error with the server's hint. */
  static String reported(Supplier<String> tool) {
    try {
      return tool.get();
    } catch (RobertoException e) {
      Log.warnf("Tool failed with code %s (request id %s)", e.code(), e.requestId());
      String hint = e.hint() == null ? "" : " Hint: " + e.hint();
      if (e instanceof AuthenticationException) {
        hint += " Or call start_login to log in from here.";
      }
      throw new ToolCallException(e.getMessage() + " [" + e.code() + "]" + hint);
    } catch (IllegalArgumentException e) {
      Log.warnf("Tool failed: %s", e.getMessage());
      throw new ToolCallException(
          e.getMessage() + " Hint: check ROBERTO_CONTROL_PLANE of the MCP server.");
    } catch (UncheckedIOException e) {
      Log.warnf("Tool failed: %s", e.getMessage());
      throw new ToolCallException(
          e.getMessage() + ". Hint: check that the config folder is writable by you.");
    }
  }
}
