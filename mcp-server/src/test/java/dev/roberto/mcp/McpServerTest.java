package dev.roberto.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.WebBrowser;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged MCP server, started over stdio by the official MCP Java SDK client, against the real
 * auth-service.
 */
class McpServerTest {

  private static final Pattern USER_CODE = Pattern.compile("enter the code ([A-Z]{4}-[A-Z]{4})");

  @TempDir Path configHome;

  private McpSyncClient mcp;

  @BeforeEach
  void startServer() {
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
  void toolsAreListed() {
    Set<String> names =
        mcp.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());

    assertTrue(
        names.containsAll(Set.of("start_login", "finish_login", "whoami")), names.toString());
  }

  @Test
  void whoamiWithoutLoginIsToolError() {
    McpSchema.CallToolResult result = call("whoami");

    assertTrue(result.isError());
    assertTrue(text(result).contains("not_logged_in"), text(result));
    assertTrue(text(result).contains("start_login"), text(result));
  }

  @Test
  void whoamiAnswersAfterLogin() {
    McpSchema.CallToolResult started = call("start_login");
    assertFalse(Boolean.TRUE.equals(started.isError()), text(started));
    assertTrue(text(started).contains(AuthServiceProcess.shared().url() + "/device"));
    approve(userCodeIn(text(started)));

    McpSchema.CallToolResult finished = call("finish_login");
    assertFalse(Boolean.TRUE.equals(finished.isError()), text(finished));
    McpSchema.CallToolResult whoami = call("whoami");

    assertFalse(Boolean.TRUE.equals(whoami.isError()), text(whoami));
    assertTrue(text(whoami).contains(AuthServiceProcess.OWNER_EMAIL), text(whoami));
    assertTrue(text(whoami).contains(AuthServiceProcess.WORKSPACE_NAME), text(whoami));
    assertFalse(text(started).contains("refresh"), "no token in the conversation");
    StoredLogin stored =
        new AuthStore(configHome.resolve("roberto"))
            .find(AuthServiceProcess.shared().url())
            .orElseThrow();
    assertEquals("mcp", stored.client());
    assertFalse(text(finished).contains(stored.accessToken()));
    assertFalse(text(whoami).contains(stored.accessToken()));
  }

  private McpSchema.CallToolResult call(String tool) {
    return mcp.callTool(new McpSchema.CallToolRequest(tool, Map.of()));
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(content -> ((McpSchema.TextContent) content).text())
        .collect(Collectors.joining("\n"));
  }

  private static String userCodeIn(String text) {
    Matcher matcher = USER_CODE.matcher(text);
    assertTrue(matcher.find(), text);
    return matcher.group(1);
  }

  private static void approve(String userCode) {
    WebBrowser browser =
        WebBrowser.signIn(
            AuthServiceProcess.shared().url(),
            AuthServiceProcess.OWNER_EMAIL,
            AuthServiceProcess.OWNER_PASSWORD);
    WebBrowser.ConfirmPage page = browser.enterCode(userCode);
    browser.approve(page, page.firstWorkspaceId());
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
