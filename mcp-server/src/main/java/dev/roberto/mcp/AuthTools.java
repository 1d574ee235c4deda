package dev.roberto.mcp;

import dev.roberto.client.AuthenticationException;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.RobertoException;
import dev.roberto.client.WhoAmI;
import dev.roberto.client.Workspace;
import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * MCP tools for the device login and the identity of the stored login. The tokens live in the same
 * auth store as the CLI's, and no tool takes or returns a token. The device code stays in this
 * process between {@code start_login} and {@code finish_login}.
 */
@Singleton
public class AuthTools {

  private final String controlPlane;
  private final AtomicReference<PendingLogin> pending = new AtomicReference<>();

  public AuthTools(@ConfigProperty(name = "roberto.control-plane") String controlPlane) {
    this.controlPlane = controlPlane;
  }

  /** A started login: the client that started it and its device code. */
  private record PendingLogin(RobertoClient client, DeviceCode code) {}

  @Tool(
      name = "start_login",
      description =
          "Start a Roberto login. Returns a URL and a user code for the person to open and enter;"
              + " after they approve, call finish_login.")
  public String startLogin() {
    return reported(
        () -> {
          RobertoClient client = client();
          DeviceCode code = client.startLogin();
          pending.set(new PendingLogin(client, code));
          return "Ask the person to open "
              + code.verificationUri()
              + " , sign in, enter the code "
              + code.userCode()
              + " and approve the Roberto MCP server. The code expires at "
              + code.expiresAt()
              + ". Then call finish_login.";
        });
  }

  @Tool(
      name = "finish_login",
      description =
          "Wait for the person to approve the login from start_login, then store the tokens."
              + " Returns when the login is approved, denied or expired.")
  public String finishLogin() {
    PendingLogin login = pending.get();
    if (login == null) {
      throw new ToolCallException("No login was started. Call start_login first.");
    }
    return reported(
        () -> {
          try {
            StoredLogin stored = login.client().finishLogin(login.code());
            return "Logged in to "
                + stored.controlPlaneUrl()
                + " as "
                + stored.email()
                + " (workspace "
                + stored.workspaceId()
                + ").";
          } finally {
            pending.compareAndSet(login, null);
          }
        });
  }

  @Tool(
      name = "whoami",
      description =
          "Show the account, workspace and roles of the stored Roberto login for this control"
              + " plane.")
  public String whoami() {
    return reported(
        () -> {
          RobertoClient client = client();
          WhoAmI identity = client.whoami();
          String workspaceName =
              client.workspaces().stream()
                  .filter(workspace -> workspace.workspaceId().equals(identity.workspaceId()))
                  .map(Workspace::workspaceName)
                  .findFirst()
                  .orElse("");
          return String.join(
              "\n",
              "User: " + identity.email(),
              "Workspace: " + workspaceName + " (" + identity.workspaceId() + ")",
              "Roles: " + String.join(", ", identity.roles()),
              "Control plane: " + client.controlPlaneUrl());
        });
  }

  private RobertoClient client() {
    return RobertoClient.builder(controlPlane)
        .clientName("mcp")
        .store(AuthStore.inConfigFolder())
        .build();
  }

  /** Runs a tool body and turns a client failure into a tool error with the server's hint. */
  private static String reported(Supplier<String> tool) {
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
    }
  }
}
