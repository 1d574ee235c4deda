package dev.roberto.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.runtime.UpdatesControlPlane;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
 * The update tools of the packaged MCP server against the real runtime-service and auth-service,
 * with the owner's login in the auth store.
 */
class UpdateToolsTest {

  private static final Pattern GRANT_TOKEN = Pattern.compile("(rgt_[A-Za-z0-9_-]+)");

  @TempDir Path configHome;

  private UpdatesControlPlane controlPlane;
  private McpSyncClient mcp;

  @BeforeEach
  void startServer() {
    controlPlane = UpdatesControlPlane.shared();
    storeOwnerLogin();
    ServerParameters server =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(
                "-jar", System.getProperty("roberto.mcp.app", "target/quarkus-app/quarkus-run.jar"))
            .env(
                Map.of(
                    "XDG_CONFIG_HOME", configHome.toString(),
                    "ROBERTO_CONTROL_PLANE", controlPlane.url()))
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
  void issuedGrantLetsRuntimeApply() {
    String channel = "c-" + UUID.randomUUID().toString().substring(0, 8);
    String agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    controlPlane.publishAgentRelease(channel, "2.0.0", "install.sh", "echo installing\n");
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();
    String runtimeToken = controlPlane.runtimeToken(runtime);
    String decisionId = checkUpdates(runtimeToken, channel, agentId);

    McpSchema.CallToolResult issued =
        call(
            "issue_grant",
            Map.of(
                "runtimeId",
                runtime.id(),
                "agentId",
                agentId,
                "channel",
                channel,
                "targetVersion",
                "2.0.0"));

    assertFalse(Boolean.TRUE.equals(issued.isError()), text(issued));
    assertTrue(text(issued).contains("--agent " + agentId), text(issued));
    Matcher token = GRANT_TOKEN.matcher(text(issued));
    assertTrue(token.find(), text(issued));
    given()
        .baseUri(controlPlane.runtimeServiceUrl())
        .auth()
        .oauth2(runtimeToken)
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId, "approved", true, "grantToken", token.group(1)))
        .when()
        .post("/api/runtime/decisions/" + decisionId + "/apply")
        .then()
        .statusCode(200);

    McpSchema.CallToolResult status = call("update_status", Map.of("agentId", agentId));

    assertFalse(Boolean.TRUE.equals(status.isError()), text(status));
    assertTrue(text(status).contains("State: approved"), text(status));
    assertTrue(text(status).contains("Target version: 2.0.0"), text(status));
    assertTrue(text(status).contains("Current version: 1.0.0"), text(status));
  }

  @Test
  void unknownAgentIsToolError() {
    McpSchema.CallToolResult status =
        call("update_status", Map.of("agentId", "never-" + UUID.randomUUID()));

    assertTrue(status.isError());
    assertTrue(text(status).contains("update_status_not_found"), text(status));
  }

  @Test
  void grantForUnpublishedVersionIsToolError() {
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("runtimeId", runtime.id());
    arguments.put("channel", "never-published");
    arguments.put("targetVersion", "9.9.9");

    McpSchema.CallToolResult issued = call("issue_grant", arguments);

    assertTrue(issued.isError());
    assertTrue(text(issued).contains("release_not_found"), text(issued));
    assertFalse(text(issued).contains("rgt_"), text(issued));
  }

  private String checkUpdates(String runtimeToken, String channel, String agentId) {
    return given()
        .baseUri(controlPlane.runtimeServiceUrl())
        .auth()
        .oauth2(runtimeToken)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "runtime",
                Map.of("version", "1.0.0", "channel", channel),
                "agents",
                List.of(Map.of("agentId", agentId, "version", "1.0.0", "channel", channel))))
        .when()
        .post("/api/runtime/check-updates")
        .then()
        .statusCode(200)
        .extract()
        .path("decisionId");
  }

  private void storeOwnerLogin() {
    UpdatesControlPlane.OwnerLogin login = controlPlane.logInOwner();
    new AuthStore(configHome.resolve("roberto"))
        .save(
            new StoredLogin(
                AuthStore.normalize(controlPlane.url()),
                login.tokens().accessToken(),
                login.tokens().refreshToken(),
                Instant.now().plusSeconds(login.tokens().expiresIn()).toString(),
                AuthServiceProcess.OWNER_EMAIL,
                login.workspaceId(),
                "mcp",
                login.services()));
  }

  private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return mcp.callTool(new McpSchema.CallToolRequest(tool, arguments));
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(content -> ((McpSchema.TextContent) content).text())
        .collect(Collectors.joining("\n"));
  }
}
