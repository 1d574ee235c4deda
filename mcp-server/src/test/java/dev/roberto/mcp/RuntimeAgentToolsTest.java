package dev.roberto.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.runtime.TestRuntimeService;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime and agent tools of the packaged MCP server, over stdio, against the real
 * runtime-service and auth-service, with the owner's login in the auth store.
 */
class RuntimeAgentToolsTest {

  private static final Entitlements ALL = new Entitlements(true, true, true, true);
  private static final Entitlements PROVISION_ONLY = new Entitlements(true, false, false, true);
  private static final Pattern WRITTEN_TO = Pattern.compile("written to (\\S+\\.env)");

  @TempDir Path configHome;

  private McpSyncClient mcp;

  @BeforeEach
  void startServerWithLogin() {
    RuntimeServiceFixture.storeOwnerLogin(configHome);
    TestRuntimeService.entitle(ALL);
    ServerParameters server =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args("-jar", application().toString())
            .env(
                Map.of(
                    "XDG_CONFIG_HOME", configHome.toString(),
                    "ROBERTO_CONTROL_PLANE", AuthServiceProcess.shared().url()))
            .build();
    mcp =
        McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    mcp.initialize();
  }

  @AfterEach
  void stopServer() {
    mcp.closeGracefully();
  }

  @Test
  void registerRuntimeWritesCredentialFile() throws Exception {
    String name = "host-" + shortId();

    McpSchema.CallToolResult registered = call("register_runtime", Map.of("name", name));

    assertSucceeded(registered);
    Matcher written = WRITTEN_TO.matcher(text(registered));
    assertTrue(written.find(), text(registered));
    Path file = Path.of(written.group(1));
    assertTrue(file.startsWith(configHome), file + " lies in the config folder");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String content = Files.readString(file);
    assertTrue(content.contains("ROBERTO_RUNTIME_CLIENT_ID=rtc_"), content);
    String secret = content.replaceAll("(?s).*ROBERTO_RUNTIME_CLIENT_SECRET=(\\S+).*", "$1");
    assertFalse(text(registered).contains(secret), "the secret stays out of the conversation");

    McpSchema.CallToolResult listed = call("list_runtimes", Map.of());
    assertSucceeded(listed);
    assertTrue(text(listed).contains(name), text(listed));
  }

  @Test
  void agentToolsWalkTheLifecycle() {
    String runtime = "host-" + shortId();
    String agent = "agent-" + shortId();
    assertSucceeded(call("register_runtime", Map.of("name", runtime)));

    McpSchema.CallToolResult created =
        call("create_agent", Map.of("name", agent, "runtime", runtime));
    assertSucceeded(created);
    assertTrue(text(created).contains("is stopped"), text(created));

    McpSchema.CallToolResult listed = call("list_agents", Map.of("runtime", runtime));
    assertSucceeded(listed);
    assertTrue(text(listed).contains(agent), text(listed));

    McpSchema.CallToolResult started = call("start_agent", Map.of("agent", agent));
    assertSucceeded(started);
    assertTrue(text(started).contains("is running"), text(started));

    McpSchema.CallToolResult refused = call("delete_agent", Map.of("agent", agent));
    assertTrue(refused.isError(), text(refused));
    assertTrue(text(refused).contains("agent_running"), text(refused));

    assertSucceeded(call("stop_agent", Map.of("agent", agent)));
    assertSucceeded(call("delete_agent", Map.of("agent", agent)));

    McpSchema.CallToolResult shown = call("show_agent", Map.of("agent", agent));
    assertTrue(shown.isError(), text(shown));
    assertTrue(text(shown).contains("agent_not_found"), text(shown));
  }

  @Test
  void startWithoutEntitlementIsBillingError() {
    String runtime = "host-" + shortId();
    String agent = "agent-" + shortId();
    assertSucceeded(call("register_runtime", Map.of("name", runtime)));
    assertSucceeded(call("create_agent", Map.of("name", agent, "runtime", runtime)));

    TestRuntimeService.entitle(PROVISION_ONLY);
    try {
      McpSchema.CallToolResult refused = call("start_agent", Map.of("agent", agent));

      assertTrue(refused.isError(), text(refused));
      assertTrue(text(refused).contains("billing_inactive"), text(refused));
      assertTrue(text(refused).contains("roberto billing status"), text(refused));
    } finally {
      TestRuntimeService.entitle(ALL);
    }
  }

  private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return mcp.callTool(new McpSchema.CallToolRequest(tool, arguments));
  }

  private static void assertSucceeded(McpSchema.CallToolResult result) {
    assertFalse(Boolean.TRUE.equals(result.isError()), text(result));
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(content -> ((McpSchema.TextContent) content).text())
        .collect(Collectors.joining("\n"));
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static Path application() {
    Path jar = Path.of(System.getProperty("roberto.mcp.app", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing; build it with ./mvnw -pl mcp-server -am verify");
    }
    return jar;
  }
}
