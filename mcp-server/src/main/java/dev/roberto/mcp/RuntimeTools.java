package dev.roberto.mcp;

import static dev.roberto.mcp.ToolClients.reported;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.runtime.CredentialFile;
import dev.roberto.client.runtime.RegisteredRuntime;
import dev.roberto.client.runtime.RuntimeApi;
import dev.roberto.client.runtime.RuntimeCredential;
import dev.roberto.client.runtime.RuntimeInfo;
import dev.roberto.client.store.AuthStore;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MCP tools for runtimes. A registered runtime's secret never enters the conversation: it goes to a
 * file readable only by the user, and the tool returns that file's path.
 */
@Singleton
public class RuntimeTools {

  private final ToolClients clients;

  public RuntimeTools(ToolClients clients) {
    this.clients = clients;
  }

  @Tool(
      name = "list_runtimes",
      description = "List the runtimes (agent hosts) of the workspace of the stored login.")
  public String listRuntimes() {
    return reported(
        () -> {
          List<RuntimeInfo> runtimes = new RuntimeApi(clients.client()).list();
          if (runtimes.isEmpty()) {
            return "The workspace has no runtimes yet; register one with register_runtime.";
          }
          return runtimes.stream()
              .map(
                  runtime ->
                      runtime.name()
                          + " (id "
                          + runtime.id()
                          + ", registered "
                          + runtime.registeredAt()
                          + ")")
              .collect(Collectors.joining("\n"));
        });
  }

  @Tool(
      name = "register_runtime",
      description =
          "Register a runtime (needs owner or admin). Its credential is written to a file"
              + " readable only by the user, never returned here; the tool returns the path.")
  public String registerRuntime(
      @ToolArg(description = "Name of the runtime: letters, digits, '.', '_' or '-'") String name) {
    return reported(
        () -> {
          RobertoClient client = clients.client();
          RegisteredRuntime registered = new RuntimeApi(client).register(name);
          Path file =
              CredentialFile.write(
                  CredentialFile.defaultPath(AuthStore.inConfigFolder().folder(), registered.id()),
                  client.controlPlaneUrl(),
                  registered);
          return "Registered runtime "
              + registered.name()
              + " (id "
              + registered.id()
              + "). Its credential (client id "
              + registered.credential().clientId()
              + ") was written to "
              + file
              + ", readable only by the user; the secret is not shown again. On the runtime host,"
              + " load that file into the environment of the runtime commands, which read "
              + RuntimeCredential.CLIENT_ID_VARIABLE
              + " and "
              + RuntimeCredential.CLIENT_SECRET_VARIABLE
              + ".";
        });
  }
}
