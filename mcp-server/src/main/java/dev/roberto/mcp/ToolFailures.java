package dev.roberto.mcp;

import dev.roberto.client.AuthenticationException;
import dev.roberto.client.RobertoException;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.logging.Log;
import java.util.function.Supplier;

/**
 * Turns failures of a tool body into MCP tool errors that carry the message, the problem's {@code
 * code}, its details (such as Stripe's error or the rejected fields) and the server's hint.
 */
final class ToolFailures {

  private ToolFailures() {}

  /** Runs the tool body and returns its text, or throws a tool error. */
  static String reported(Supplier<String> tool) {
    try {
      return tool.get();
    } catch (RobertoException e) {
      Log.warnf("Tool failed with code %s (request id %s)", e.code(), e.requestId());
      throw new ToolCallException(describe(e));
    } catch (IllegalArgumentException e) {
      Log.warnf("Tool failed: %s", e.getMessage());
      throw new ToolCallException(e.getMessage() + " [invalid_argument]");
    }
  }

  static String describe(RobertoException e) {
    StringBuilder text =
        new StringBuilder(e.getMessage()).append(" [").append(e.code()).append(']');
    for (String detail : e.details()) {
      text.append("\n").append(detail);
    }
    if (e.hint() != null) {
      text.append("\nHint: ").append(e.hint());
    }
    if (e instanceof AuthenticationException) {
      text.append("\nOr call start_login to log in from here.");
    }
    return text.toString();
  }
}
