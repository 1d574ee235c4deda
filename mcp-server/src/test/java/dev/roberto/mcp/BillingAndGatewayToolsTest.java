package dev.roberto.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.stripe.StripeStandIn;
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
 * The billing and gateway credential tools of the packaged MCP server, over stdio, against the real
 * billing-service and gateway-service. Stripe's API is faked by test-support's WireMock stand-in.
 */
class BillingAndGatewayToolsTest {

  private static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_mcp";
  private static final String PORTAL_URL = "https://billing.stripe.com/p/session/test_mcp";
  private static final Pattern TOKEN = Pattern.compile("(rgw_\\S+)$");
  private static final Pattern CREDENTIAL_ID = Pattern.compile("gateway credential (\\S+) for");

  @TempDir Path configHome;

  private Person person;
  private StripeStandIn stripe;
  private McpSyncClient mcp;

  @BeforeEach
  void signUpAndStartServer() {
    stripe = ServicesUnderTest.stripe();
    stripe.reset();
    stripe.customerCreates("cus_mcp_" + System.nanoTime());
    stripe.checkoutSessionsOpen("cs_test_mcp", CHECKOUT_URL);
    stripe.portalSessionsOpen("bps_test_mcp", PORTAL_URL);
    stripe.nothingToSync();
    person = Person.signUpAndLogIn(configHome, ServicesUnderTest.controlPlane().url());

    ServerParameters server =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args("-jar", application().toString())
            .env(
                Map.of(
                    "XDG_CONFIG_HOME", configHome.toString(),
                    "ROBERTO_CONTROL_PLANE", ServicesUnderTest.controlPlane().url()))
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
  void billingAndGatewayToolsAreListed() {
    Set<String> names =
        mcp.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());

    assertTrue(
        names.containsAll(
            Set.of(
                "billing_status",
                "billing_summary",
                "billing_sync",
                "billing_setup",
                "billing_checkout",
                "billing_credits_checkout",
                "billing_portal",
                "gateway_credentials_create",
                "gateway_credentials_list",
                "gateway_credentials_rotate",
                "gateway_credentials_revoke")),
        names.toString());
  }

  @Test
  void billingStatusShowsCredits() {
    String status = success(call("billing_status", Map.of()));

    assertTrue(status.contains("Workspace: " + person.workspaceId()), status);
    assertTrue(status.contains("Credits: 5.00"), status);
    assertTrue(status.contains("Stripe: configured true, customer false"), status);
  }

  @Test
  void portalWithoutCustomerIsToolErrorWithHint() {
    McpSchema.CallToolResult portal = call("billing_portal", Map.of());

    assertTrue(portal.isError(), text(portal));
    assertTrue(text(portal).contains("[stripe_customer_missing]"), text(portal));
    assertTrue(text(portal).contains("Hint: Run `roberto billing setup`"), text(portal));
  }

  @Test
  void setupThenPortalReturnPages() {
    String setup = success(call("billing_setup", Map.of()));
    String portal = success(call("billing_portal", Map.of()));
    String status = success(call("billing_status", Map.of()));

    assertTrue(setup.endsWith(CHECKOUT_URL), setup);
    assertTrue(setup.contains("add a payment method"), setup);
    assertTrue(portal.endsWith(PORTAL_URL), portal);
    assertTrue(status.contains("customer true"), status);
  }

  @Test
  void creditsCheckoutSellsAmount() {
    String checkout = success(call("billing_credits_checkout", Map.of("amount", 2000)));

    assertTrue(checkout.endsWith(CHECKOUT_URL), checkout);
    stripe
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("[unit_amount]=2000")));
  }

  @Test
  void stripeErrorCarriesStripeDetails() {
    stripe.checkoutSessionsFail(
        402, "card_error", "card_declined", "Your card was declined.", "req_mcp_declined");

    McpSchema.CallToolResult checkout = call("billing_checkout", Map.of());

    assertTrue(checkout.isError(), text(checkout));
    assertTrue(text(checkout).contains("[stripe_error]"), text(checkout));
    assertTrue(text(checkout).contains("Stripe error type: card_error"), text(checkout));
    assertTrue(text(checkout).contains("Stripe error code: card_declined"), text(checkout));
    assertTrue(text(checkout).contains("Stripe message: Your card was declined."), text(checkout));
    assertTrue(text(checkout).contains("Stripe request id: req_mcp_declined"), text(checkout));
  }

  @Test
  void summaryAndSync() {
    String summary = success(call("billing_summary", Map.of()));
    McpSchema.CallToolResult badDate = call("billing_summary", Map.of("from", "12/01/2026"));
    success(call("billing_setup", Map.of()));
    String sync = success(call("billing_sync", Map.of()));

    assertTrue(summary.contains("Granted: 5.00"), summary);
    assertTrue(summary.contains("Usage by agent: none"), summary);
    assertTrue(badDate.isError(), text(badDate));
    assertTrue(text(badDate).contains("YYYY-MM-DD"), text(badDate));
    assertTrue(sync.startsWith("Synced with Stripe."), sync);
    assertFalse(sync.contains("Last sync: never"), sync);
  }

  @Test
  void gatewayCredentialsLifecycle() {
    String agentId = ServicesUnderTest.controlPlane().createAgent(person.workspaceId());

    String created = success(call("gateway_credentials_create", Map.of("agentId", agentId)));
    String firstToken = match(TOKEN, created);
    String firstId = match(CREDENTIAL_ID, created);
    String listed = success(call("gateway_credentials_list", Map.of("agentId", agentId)));
    String rotated =
        success(
            call(
                "gateway_credentials_rotate", Map.of("agentId", agentId, "credentialId", firstId)));
    String secondId = match(CREDENTIAL_ID, rotated);
    String revoked =
        success(
            call(
                "gateway_credentials_revoke",
                Map.of("agentId", agentId, "credentialId", secondId)));
    String afterwards = success(call("gateway_credentials_list", Map.of("agentId", agentId)));

    assertTrue(created.contains("shown only this once"), created);
    assertTrue(listed.contains(firstId + ": prefix " + firstToken.substring(0, 12)), listed);
    assertFalse(listed.contains(firstToken), "the list never shows a token");
    assertNotEquals(firstToken, match(TOKEN, rotated));
    assertTrue(revoked.contains("Revoked gateway credential " + secondId), revoked);
    assertTrue(afterwards.contains(firstId + ": prefix"), afterwards);
    assertTrue(afterwards.contains(", expiring,"), afterwards);
    assertTrue(afterwards.contains(", revoked,"), afterwards);
  }

  @Test
  void unknownAgentIsToolError() {
    McpSchema.CallToolResult listed =
        call("gateway_credentials_list", Map.of("agentId", "agent-that-does-not-exist"));

    assertTrue(listed.isError(), text(listed));
    assertTrue(text(listed).contains("[unknown_agent]"), text(listed));
    assertTrue(text(listed).contains("Hint: "), text(listed));
  }

  private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return mcp.callTool(new McpSchema.CallToolRequest(tool, arguments));
  }

  private static String success(McpSchema.CallToolResult result) {
    assertFalse(Boolean.TRUE.equals(result.isError()), text(result));
    return text(result);
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(content -> ((McpSchema.TextContent) content).text())
        .collect(Collectors.joining("\n"));
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "No match of " + pattern + " in " + text);
    return matcher.group(1);
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
