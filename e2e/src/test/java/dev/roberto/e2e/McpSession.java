package dev.roberto.e2e;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The packaged MCP server started over stdio by the official MCP Java SDK client, the way an AI
 * assistant starts it, on the same auth store as the CLI.
 */
final class McpSession implements AutoCloseable {

  private final McpSyncClient client;

  private McpSession(McpSyncClient client) {
    this.client = client;
  }

  /** The result of one tool call: its text content and whether it is a tool error. */
  record ToolAnswer(String text, boolean isError) {}

  static McpSession start(Path serverJar, Path configHome, String controlPlaneUrl) {
    if (!Files.isRegularFile(serverJar)) {
      throw new IllegalStateException(
          serverJar + " is missing; build it with ./mvnw -pl mcp-server -am verify");
    }
    ServerParameters server =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args("-jar", serverJar.toString())
            .env(
                Map.of(
                    "XDG_CONFIG_HOME",
                    configHome.toString(),
                    "ROBERTO_CONTROL_PLANE",
                    controlPlaneUrl))
            .build();
    McpSyncClient client =
        McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(90))
            .build();
    client.initialize();
    return new McpSession(client);
  }

  /** Calls a tool without arguments. */
  ToolAnswer call(String tool) {
    McpSchema.CallToolResult result =
        client.callTool(new McpSchema.CallToolRequest(tool, Map.of()));
    String text =
        result.content().stream()
            .filter(McpSchema.TextContent.class::isInstance)
            .map(content -> ((McpSchema.TextContent) content).text())
            .collect(Collectors.joining("\n"));
    return new ToolAnswer(text, Boolean.TRUE.equals(result.isError()));
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
