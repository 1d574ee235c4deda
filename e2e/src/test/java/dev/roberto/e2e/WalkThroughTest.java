package dev.roberto.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roberto.e2e.StepByStep.RunsAfterFailure;
import dev.roberto.testsupport.postgres.Postgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walk-through of the root README, step by step, against the whole control plane as {@code
 * deploy/local/roberto-local} starts it (real PostgreSQL, a real Kafka broker, the stand-in LLM
 * provider and the five services), driven only by real clients: the {@code roberto} CLI in its own
 * processes, headless Chromium, the official OpenAI and Anthropic Java SDKs, and the official MCP
 * Java SDK client. Stripe is the one faked party ({@link StripeFake}).
 *
 * <p>Each step asserts what its client prints or returns, and builds on the state the earlier steps
 * left; after a failed step the rest are skipped ({@link StepByStep}), except the log scan.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepByStep.class)
class WalkThroughTest {

  /** The local stack's first account, a documented default for loopback use. */
  static final String ADMIN_EMAIL = "admin@roberto.local";

  static final String ADMIN_PASSWORD = "roberto-local-admin";

  /** billing-service's default starter credits: 5.00 in micro-units. */
  static final long STARTER_CREDITS_MICROS = 5_000_000;

  private static final Pattern LOGIN_PROMPT =
      Pattern.compile("open\\R\\s+(\\S+)\\Rand enter the code ([A-Z]{4}-[A-Z]{4})");

  /** How long the fault run keeps Kafka stopped. */
  private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(30);

  /** How long the fault run keeps PostgreSQL stopped, and how long the load runs around it. */
  private static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(15);

  private static final Duration LOAD_BEFORE_FAULT = Duration.ofSeconds(3);

  /** How long the services may take to notice that PostgreSQL left or came back. */
  private static final Duration READINESS_CHANGE = Duration.ofSeconds(120);

  private static final String RESTART_MODEL = "e2e-restart-model";

  /**
   * Each agent's gateway request limit in this run, low enough for a burst to pass it and high
   * enough for the other steps' calls.
   */
  private static final int GATEWAY_REQUESTS_PER_MINUTE = 60;

  private static final Pattern TWO_LIVE_REPLICAS =
      Pattern.compile("(?m)^roberto_gateway_live_replicas(\\{[^}]*\\})? 2\\.0$");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static Path repository;
  private static Path work;
  private static PostgresCluster postgres;
  private static StripeFake stripe;
  private static LocalStackProcess stack;
  private static Cli cli;
  private static Path configHome;

  /** Every secret the walk-through handled, by kind, for the log scan. */
  private static final Map<String, String> secrets = new LinkedHashMap<>();

  private static String workspaceId;
  private static String runtimeId;
  private static Map<String, String> runtimeEnvironment;
  private static String agentId;
  private static Path signingSecretFile;
  private static String gatewayToken;
  private static SdkClients sdks;

  @BeforeAll
  static void startStack() throws Exception {
    repository =
        Path.of(System.getProperty("roberto.repository", "..")).toAbsolutePath().normalize();
    work = Path.of(System.getProperty("roberto.e2e.work", "target/e2e-run")).toAbsolutePath();
    Folders.deleteQuietly(work);
    Files.createDirectories(work);
    configHome = Files.createDirectories(work.resolve("config"));

    postgres = PostgresCluster.start();
    stripe = new StripeFake();
    stripe.secrets().forEach(secret -> secrets.put("a Stripe secret", secret));
    Map<String, String> environment = new LinkedHashMap<>(stripe.billingEnvironment());
    environment.put(Postgres.URL_VARIABLE, postgres.url());
    environment.put(
        "ROBERTO_GATEWAY_LIMITS_REQUESTS_PER_MINUTE", String.valueOf(GATEWAY_REQUESTS_PER_MINUTE));
    stack = LocalStackProcess.start(repository, work.resolve("stack"), environment);
    cli =
        new Cli(
            repository.resolve("cli/target/roberto-cli.jar"), configHome, stack.controlPlaneUrl());
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.stop();
    }
    if (stripe != null) {
      stripe.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void loginApprovedInBrowser() throws Exception {
    Cli.Running login = cli.start("auth", "login", "--no-browser");
    Matcher prompt = login.awaitStderr(LOGIN_PROMPT);
    String verificationUrl = prompt.group(1);
    String userCode = prompt.group(2);
    assertEquals(stack.controlPlaneUrl() + "/device", verificationUrl);

    ChromiumApproval.ConfirmPage page;
    try (ChromiumApproval chromium = new ChromiumApproval()) {
      page = chromium.approve(verificationUrl, userCode, ADMIN_EMAIL, ADMIN_PASSWORD);
    }
    assertEquals("Roberto CLI", page.client());
    assertEquals(stack.controlPlaneUrl(), page.controlPlane());
    assertEquals("Device connected", page.result());

    Cli.Result loggedIn = login.end();
    assertEquals(0, loggedIn.exitCode(), loggedIn.toString());
    assertTrue(
        loggedIn.stdout().contains("Logged in to " + stack.controlPlaneUrl()), loggedIn.stdout());
    rememberStoredTokens(configHome);

    Cli.Result whoami = cli.run("auth", "whoami");
    assertEquals(0, whoami.exitCode(), whoami.toString());
    assertTrue(whoami.stdout().contains("User:          " + ADMIN_EMAIL), whoami.stdout());
    assertTrue(whoami.stdout().contains("owner"), whoami.stdout());

    JsonNode identity = cli.run("auth", "whoami", "--json").json();
    assertEquals(ADMIN_EMAIL, identity.path("email").asText());
    workspaceId = identity.path("workspaceId").asText();
    assertFalse(workspaceId.isBlank(), identity.toString());
    assertTrue(whoami.stdout().contains(workspaceId), whoami.stdout());
  }

  @Test
  @Order(2)
  void billingShowsStarterCredits() {
    Cli.Result status = cli.run("billing", "status");

    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(status.stdout().contains("Workspace:    " + workspaceId), status.stdout());
    assertTrue(status.stdout().contains("Credits:      5.00"), status.stdout());
    assertTrue(
        status.stdout().contains("Allowed:      provision, start, gateway, webhooks"),
        status.stdout());
    JsonNode json = cli.run("billing", "status", "--json").json();
    assertEquals(STARTER_CREDITS_MICROS, json.path("creditBalanceMicros").asLong());
    assertTrue(json.path("readiness").path("stripeConfigured").asBoolean(), json.toString());
    for (String entitlement : List.of("provision", "start", "gateway", "webhooks")) {
      assertTrue(json.path("entitlements").path(entitlement).asBoolean(), json.toString());
    }
  }

  @Test
  @Order(3)
  void agentRunsWithGatewayCredential() throws IOException {
    Path runtimeCredentials = work.resolve("build-host-1.env");
    Cli.Result registered =
        cli.run("runtime", "register", "build-host-1", "--env-file", runtimeCredentials.toString());
    assertEquals(0, registered.exitCode(), registered.toString());
    assertTrue(
        registered.stdout().contains("Registered runtime build-host-1"), registered.stdout());
    runtimeEnvironment = readEnvironmentFile(runtimeCredentials);
    String clientSecret = runtimeEnvironment.get("ROBERTO_RUNTIME_CLIENT_SECRET");
    assertTrue(clientSecret != null, "the file contains ROBERTO_RUNTIME_CLIENT_SECRET");
    assertTrue(clientSecret.startsWith("rts_"), "a runtime secret");
    secrets.put("the runtime client secret", clientSecret);
    assertFalse(registered.stdout().contains(clientSecret), "the secret went to the file only");
    JsonNode runtimes = cli.run("runtime", "list", "--json").json().path("runtimes");
    runtimeId = namedElement(runtimes, "build-host-1").path("id").asText();
    assertFalse(runtimeId.isBlank(), runtimes.toString());
    assertTrue(registered.stdout().contains(runtimeId), registered.stdout());

    // runtime-service learns of the workspace's entitlements from billing-synced, which billing
    // published when the workspace first asked for its status.
    Cli.Result created =
        Eventually.until(
            "agent create succeeds once runtime-service has the entitlements",
            () -> cli.run("agent", "create", "support-bot", "--runtime", "build-host-1", "--json"),
            result -> result.exitCode() == 0);
    JsonNode agent = created.json();
    agentId = agent.path("id").asText();
    assertEquals("support-bot", agent.path("name").asText());
    assertEquals("stopped", agent.path("state").asText());

    Cli.Result started = cli.run("agent", "start", "support-bot");
    assertEquals(0, started.exitCode(), started.toString());
    assertTrue(started.stdout().contains("State:    running"), started.stdout());
    JsonNode shown = cli.run("agent", "show", agentId, "--json").json();
    assertEquals("running", shown.path("state").asText());

    // gateway-service learns of the agent from agent-changed.
    Cli.Result credential =
        Eventually.until(
            "gateway credentials create succeeds once the gateway knows the agent",
            () -> cli.run("gateway", "credentials", "create", "--agent", agentId, "--json"),
            result -> result.exitCode() == 0);
    gatewayToken = credential.json().path("token").asText();
    assertTrue(gatewayToken.startsWith("rgw_"), "a gateway token");
    secrets.put("the gateway token", gatewayToken);
    sdks = new SdkClients(stack.serviceUrl("gateway"), gatewayToken);

    Cli.Result listed = cli.run("gateway", "credentials", "list", "--agent", agentId);
    assertEquals(0, listed.exitCode(), listed.toString());
    assertTrue(listed.stdout().contains("active"), listed.stdout());
    assertFalse(listed.stdout().contains(gatewayToken), "a list never shows the token");
  }

  @Test
  @Order(4)
  void sdkUsageShowsInSummary() {
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.openAiCompletion());
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.openAiStream());
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.anthropicMessage());
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.anthropicStream());

    // Four calls of 12 input and 15 output tokens each, as the stand-in provider reports them.
    JsonNode summary =
        Eventually.until(
            "the summary counts the agent's four gateway calls",
            Duration.ofSeconds(30),
            () -> summaryJson(),
            json -> usageOf(json.path("byAgent"), agentId).path("events").asLong() >= 4);
    JsonNode byAgent = usageOf(summary.path("byAgent"), agentId);
    assertEquals(4, byAgent.path("events").asLong(), summary.toString());
    assertEquals(48, byAgent.path("inputTokens").asLong(), summary.toString());
    assertEquals(60, byAgent.path("outputTokens").asLong(), summary.toString());
    assertEquals(4, usageOf(summary.path("byModel"), SdkClients.MODEL).path("events").asLong());

    Cli.Result text = cli.run("billing", "summary");
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.stdout().contains("Usage by agent:"), text.stdout());
    assertTrue(
        Pattern.compile(Pattern.quote(agentId) + "\\s+4\\s+48\\s+60\\s")
            .matcher(text.stdout())
            .find(),
        text.stdout());
  }

  @Test
  @Order(5)
  void repeatedUsageReportCountsOnce() throws IOException {
    Cli.Result created =
        Eventually.until(
            "webhooks secret create succeeds once webhook-service knows the agent",
            () -> cli.run("webhooks", "secret", "create", "--agent", agentId, "--json"),
            result -> result.exitCode() == 0);
    String signingSecret = created.json().path("secret").asText();
    assertTrue(signingSecret.startsWith("whsec_"), "a signing secret");
    secrets.put("the webhook signing secret", signingSecret);
    signingSecretFile = writePrivateFile(work.resolve("signing-secret"), signingSecret);

    String key = "e2e-batch-" + UUID.randomUUID();
    String occurredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Cli.Result first = sendUsage("e2e-batch-model", 1000, 200, key, occurredAt);
    Cli.Result second = sendUsage("e2e-batch-model", 1000, 200, key, occurredAt);

    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(first.stdout().startsWith("Accepted usage event "), first.stdout());
    assertEquals(0, second.exitCode(), second.toString());
    assertTrue(second.stdout().startsWith("Replayed:"), second.stdout());
    String eventId = first.stdout().split(" ")[3];
    assertTrue(second.stdout().contains(eventId), second.stdout());

    // A later report of the same agent travels the same path (webhook outbox, one Kafka
    // partition per workspace, billing), so once it is counted, a second count of the repeated
    // report would have been too.
    Cli.Result marker =
        sendUsage(
            "e2e-marker-model", 1, 1, "e2e-marker-" + UUID.randomUUID(), Instant.now().toString());
    assertEquals(0, marker.exitCode(), marker.toString());
    JsonNode summary =
        Eventually.until(
            "the summary shows the report sent after the repeated one",
            Duration.ofSeconds(30),
            () -> summaryJson(),
            json -> usageOf(json.path("byModel"), "e2e-marker-model").path("events").asLong() > 0);
    JsonNode batch = usageOf(summary.path("byModel"), "e2e-batch-model");
    assertEquals(1, batch.path("events").asLong(), summary.toString());
    assertEquals(1000, batch.path("inputTokens").asLong(), summary.toString());
    assertEquals(200, batch.path("outputTokens").asLong(), summary.toString());
  }

  @Test
  @Order(6)
  void exhaustedCreditsRefuseGatewayAndStart() {
    long balance =
        cli.run("billing", "status", "--json").json().path("creditBalanceMicros").asLong();
    assertTrue(balance > 0, "credits are left before the expensive run: " + balance);

    // An agent reports a run that cost one unit more than the credits left.
    Cli.Result expensive =
        sendUsage(
            "e2e-expensive-model",
            0,
            0,
            balance + 1_000_000,
            "e2e-expensive-" + UUID.randomUUID(),
            Instant.now().toString());
    assertEquals(0, expensive.exitCode(), expensive.toString());

    JsonNode status =
        Eventually.until(
            "billing takes away the gateway and start entitlements",
            () -> cli.run("billing", "status", "--json").json(),
            json -> !json.path("entitlements").path("gateway").asBoolean());
    assertEquals(-1_000_000, status.path("creditBalanceMicros").asLong(), status.toString());
    assertFalse(status.path("entitlements").path("start").asBoolean(), status.toString());
    Cli.Result statusText = cli.run("billing", "status");
    assertTrue(statusText.stdout().contains("Credits:      -1.00"), statusText.stdout());
    assertTrue(statusText.stdout().contains("Not allowed:  start, gateway"), statusText.stdout());

    SdkClients.Refusal openAiRefusal =
        Eventually.until(
            "the gateway refuses the OpenAI SDK with 402",
            () -> sdks.openAiRefusal(),
            refusal -> refusal != null && refusal.status() == 402);
    assertTrue(openAiRefusal.body().contains("billing_inactive"), openAiRefusal.body());
    SdkClients.Refusal anthropicRefusal = sdks.anthropicRefusal();
    assertEquals(402, anthropicRefusal.status(), anthropicRefusal.body());
    assertTrue(anthropicRefusal.body().contains("billing_inactive"), anthropicRefusal.body());

    // A running agent keeps running when the entitlement goes, so stop it and start it again.
    // Until runtime-service has the new snapshot, the start still succeeds: stop and try again.
    Cli.Result refused =
        Eventually.until(
            "agent start is refused for billing",
            () -> {
              Cli.Result stopped = cli.run("agent", "stop", agentId);
              assertEquals(0, stopped.exitCode(), stopped.toString());
              return cli.run("agent", "start", agentId);
            },
            result -> result.exitCode() != 0);
    assertEquals(4, refused.exitCode(), refused.toString());
    assertTrue(refused.stderr().contains("[billing_inactive]"), refused.stderr());
    assertTrue(refused.stderr().contains("Hint: "), refused.stderr());
    assertTrue(refused.stderr().contains("roberto billing status"), refused.stderr());
    JsonNode agent = cli.run("agent", "show", agentId, "--json").json();
    assertEquals("stopped", agent.path("state").asText());
  }

  @Test
  @Order(7)
  void creditPurchaseRestoresGatewayAndStart() throws Exception {
    long balanceBefore =
        cli.run("billing", "status", "--json").json().path("creditBalanceMicros").asLong();
    String customer = "cus_" + StripeFake.randomHex(8);
    ObjectNode purchase = StripeFake.paidCreditPurchase(customer, workspaceId, 2000);
    stripe.serveCustomer(customer, purchase);
    StripeFake.SignedEvent event = stripe.checkoutCompleted(purchase);

    HttpResponse<String> forged = postStripeWebhook(event.body(), "t=1,v1=" + "0".repeat(64));
    assertEquals(400, forged.statusCode(), forged.body());
    assertEquals("stripe_signature_invalid", JSON.readTree(forged.body()).path("code").asText());
    HttpResponse<String> delivered = postStripeWebhook(event.body(), event.signatureHeader());
    assertEquals(200, delivered.statusCode(), delivered.body());

    // 20.00 paid is 20,000,000 micro-units; sync reads the same session from Stripe and must not
    // grant it a second time.
    long expected = balanceBefore + 20_000_000;
    Cli.Result synced = cli.run("billing", "sync");
    assertEquals(0, synced.exitCode(), synced.toString());
    assertTrue(stripe.sessionReadsOf(customer) > 0, "sync read the customer's sessions");
    JsonNode status = cli.run("billing", "status", "--json").json();
    assertEquals(expected, status.path("creditBalanceMicros").asLong(), status.toString());
    assertTrue(status.path("readiness").path("hasCustomer").asBoolean(), status.toString());
    for (String entitlement : List.of("provision", "start", "gateway", "webhooks")) {
      assertTrue(status.path("entitlements").path(entitlement).asBoolean(), status.toString());
    }
    assertTrue(synced.stdout().contains("Credits:      19.00"), synced.stdout());

    String reply =
        Eventually.until(
            "the gateway answers the OpenAI SDK again",
            () -> sdks.openAiRefusal() == null ? sdks.openAiCompletion() : null,
            SdkClients.STAND_IN_REPLY::equals);
    assertEquals(SdkClients.STAND_IN_REPLY, reply);
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.anthropicMessage());
    Cli.Result started =
        Eventually.until(
            "agent start succeeds again",
            () -> cli.run("agent", "start", agentId),
            result -> result.exitCode() == 0);
    assertTrue(started.stdout().contains("State:    running"), started.stdout());
  }

  @Test
  @Order(8)
  void approvedUpdateRunsItsScript() throws Exception {
    Path marker = work.resolve("update-ran");
    String script =
        "#!/bin/sh\n"
            + "printf '%s %s %s\\n' \"$ROBERTO_UPDATE_COMPONENT\" \"$ROBERTO_UPDATE_AGENT_ID\""
            + " \"$ROBERTO_UPDATE_TARGET_VERSION\" > '"
            + marker
            + "'\n";
    Path scriptFile = Files.writeString(work.resolve("upgrade.sh"), script);
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
    Cli.Result published =
        cli.run(
            "release",
            "publish",
            "--component",
            "agent",
            "--channel",
            "stable",
            "--version",
            "1.1.0",
            "--notes",
            "Published by the e2e walk-through.",
            scriptFile.toString());
    assertEquals(0, published.exitCode(), published.toString());
    assertTrue(
        published.stdout().contains("Published agent 1.1.0 on channel stable with 1 script."),
        published.stdout());
    assertTrue(published.stdout().contains(sha256), published.stdout());
    JsonNode releases = cli.run("release", "list", "--channel", "stable", "--json").json();
    JsonNode release = releases.path("releases").path(0);
    assertEquals("1.1.0", release.path("version").asText(), releases.toString());
    assertEquals(sha256, release.path("scripts").path(0).path("sha256").asText());

    // The runtime host runs check-updates and apply with its own credential and config folder.
    Cli runtimeHost = cli.onHost(work.resolve("build-host-1-config"), runtimeEnvironment);
    Cli.Result check =
        runtimeHost.run(
            "runtime", "check-updates", "--version", "1.0.0", "--agent", agentId + "=1.0.0@stable");
    assertEquals(0, check.exitCode(), check.toString());
    assertTrue(
        Pattern.compile(
                "agent "
                    + Pattern.quote(agentId)
                    + "\\s+\\(stable\\)\\s+1\\.0\\.0 -> 1\\.1\\.0, approval and grant required,"
                    + " 1 script\\(s\\)")
            .matcher(check.stdout())
            .find(),
        check.stdout());
    assertTrue(check.stdout().contains("up to date"), "no runtime release: " + check.stdout());

    Cli.Result grant =
        cli.run(
            "runtime",
            "grant",
            "--runtime",
            runtimeId,
            "--agent",
            agentId,
            "--channel",
            "stable",
            "--target-version",
            "1.1.0",
            "--json");
    assertEquals(0, grant.exitCode(), grant.toString());
    String grantToken = grant.json().path("grantToken").asText();
    assertTrue(grantToken.startsWith("rgt_"), "a grant token");
    secrets.put("the update grant token", grantToken);

    Cli.Result unapproved =
        runtimeHost.run("runtime", "apply", "--grant-token", grantToken, "--agent", agentId);
    assertNotEquals(0, unapproved.exitCode(), unapproved.toString());
    assertTrue(unapproved.stderr().contains("[approval_required]"), unapproved.stderr());
    assertFalse(Files.exists(marker), "nothing ran without approval");

    Cli.Result applied =
        runtimeHost.run(
            "runtime", "apply", "--approve", "--grant-token", grantToken, "--agent", agentId);
    assertEquals(0, applied.exitCode(), applied.toString());
    assertEquals("Updated agent " + agentId + " to 1.1.0.", applied.stdout().strip());
    for (String state : List.of("downloading", "applying", "succeeded")) {
      assertTrue(applied.stderr().contains("Progress: " + state), applied.stderr());
    }
    assertEquals("agent " + agentId + " 1.1.0", Files.readString(marker).strip());

    Cli.Result status = cli.run("agent", "update-status", agentId);
    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(status.stdout().contains("State:           succeeded"), status.stdout());
    assertTrue(status.stdout().contains("Current version: 1.1.0"), status.stdout());
    assertTrue(status.stdout().contains("Last error:      none"), status.stdout());

    // Running the same apply again runs nothing: the host remembers that it succeeded.
    Files.delete(marker);
    Cli.Result again =
        runtimeHost.run(
            "runtime", "apply", "--approve", "--grant-token", grantToken, "--agent", agentId);
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().startsWith("Already applied"), again.stdout());
    assertFalse(Files.exists(marker), "the script did not run a second time");
  }

  @Test
  @Order(9)
  void mcpClientAsksWhoamiAndBillingStatus() {
    long balance =
        cli.run("billing", "status", "--json").json().path("creditBalanceMicros").asLong();
    BigDecimal units = BigDecimal.valueOf(balance, 6).stripTrailingZeros();
    String credits = (units.scale() < 2 ? units.setScale(2) : units).toPlainString();

    try (McpSession mcp =
        McpSession.start(
            repository.resolve("mcp-server/target/quarkus-app/quarkus-run.jar"),
            configHome,
            stack.controlPlaneUrl())) {
      McpSession.ToolAnswer whoami = mcp.call("whoami");
      assertFalse(whoami.isError(), whoami.text());
      assertTrue(whoami.text().contains(ADMIN_EMAIL), whoami.text());
      assertTrue(whoami.text().contains(workspaceId), whoami.text());

      McpSession.ToolAnswer billing = mcp.call("billing_status");
      assertFalse(billing.isError(), billing.text());
      assertTrue(billing.text().contains("Workspace: " + workspaceId), billing.text());
      assertTrue(billing.text().contains("Credits: " + credits), billing.text());
      assertTrue(
          billing
              .text()
              .contains("Entitlements: provision true, start true, gateway true, webhooks true"),
          billing.text());
    }
  }

  /**
   * Stops Kafka for 30 s while the agent keeps calling the gateway and reporting usage, some
   * reports twice with their idempotency key, and checks that billing counts each call and each
   * report exactly once after a broker is back. Both services keep what they accept in their
   * outboxes meanwhile.
   */
  @Test
  @Order(10)
  void kafkaOutageLosesAndDoublesNothing() throws Exception {
    JsonNode before = summaryJson();
    long gatewayCallsBefore =
        usageOf(before.path("byModel"), SdkClients.MODEL).path("events").asLong();

    stack.stopKafka();
    Instant outageEnds = Instant.now().plus(KAFKA_OUTAGE);
    int reports = 0;
    int gatewayCalls = 0;
    while (Instant.now().isBefore(outageEnds)) {
      String key = "e2e-outage-" + UUID.randomUUID();
      String occurredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      Cli.Result sent = sendUsage("e2e-outage-model", 10, 1, key, occurredAt);
      assertEquals(0, sent.exitCode(), sent.toString());
      assertTrue(sent.stdout().startsWith("Accepted usage event "), sent.stdout());
      reports++;
      if (reports % 3 == 0) {
        Cli.Result retried = sendUsage("e2e-outage-model", 10, 1, key, occurredAt);
        assertTrue(retried.stdout().startsWith("Replayed:"), retried.toString());
      }
      assertEquals(SdkClients.STAND_IN_REPLY, sdks.openAiCompletion());
      gatewayCalls++;
    }
    stack.restartKafka();

    // One more call and report after the outage travel behind the ones held in the outboxes, so
    // once they are counted, everything before them has been counted too.
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.openAiCompletion());
    Cli.Result last =
        sendUsage(
            "e2e-outage-model",
            10,
            1,
            "e2e-outage-last-" + UUID.randomUUID(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    assertEquals(0, last.exitCode(), last.toString());
    long expectedReports = reports + 1;
    long expectedGatewayCalls = gatewayCallsBefore + gatewayCalls + 1;
    JsonNode after =
        Eventually.until(
            expectedReports + " reports and " + expectedGatewayCalls + " gateway calls counted",
            Duration.ofSeconds(180),
            () -> summaryJson(),
            json ->
                usageOf(json.path("byModel"), "e2e-outage-model").path("events").asLong()
                        >= expectedReports
                    && usageOf(json.path("byModel"), SdkClients.MODEL).path("events").asLong()
                        >= expectedGatewayCalls);

    System.out.printf(
        "Kafka outage: %d usage reports and %d gateway calls accepted during %d s, %d reports"
            + " sent twice; counted after the restart: %d reports, %d gateway calls in all%n",
        reports,
        gatewayCalls,
        KAFKA_OUTAGE.toSeconds(),
        reports / 3,
        usageOf(after.path("byModel"), "e2e-outage-model").path("events").asLong(),
        usageOf(after.path("byModel"), SdkClients.MODEL).path("events").asLong());
    JsonNode outageReports = usageOf(after.path("byModel"), "e2e-outage-model");
    assertEquals(expectedReports, outageReports.path("events").asLong(), after.toString());
    assertEquals(10 * expectedReports, outageReports.path("inputTokens").asLong());
    assertEquals(
        expectedGatewayCalls,
        usageOf(after.path("byModel"), SdkClients.MODEL).path("events").asLong(),
        after.toString());
    assertTrue(reports >= 3, "the burst sent reports during the whole outage: " + reports);
  }

  /**
   * Starts a second replica of auth-service and of gateway-service with the launcher's command line
   * and environment, and checks that they share all state with the first replicas through
   * PostgreSQL.
   */
  @Test
  @Order(11)
  void secondReplicasShareTheirState() throws Exception {
    String authReplica = stack.startReplica("auth");
    String gatewayReplica = stack.startReplica("gateway");

    // A login through the second auth replica, approved on the first one's web page.
    Path replicaConfig = Files.createDirectories(work.resolve("replica-config"));
    Cli viaReplica = cli.at(authReplica, replicaConfig);
    Cli.Running login = viaReplica.start("auth", "login", "--no-browser");
    Matcher prompt = login.awaitStderr(LOGIN_PROMPT);
    try (ChromiumApproval chromium = new ChromiumApproval()) {
      ChromiumApproval.ConfirmPage page =
          chromium.approve(
              stack.controlPlaneUrl() + "/device", prompt.group(2), ADMIN_EMAIL, ADMIN_PASSWORD);
      assertEquals("Device connected", page.result());
    }
    Cli.Result loggedIn = login.end();
    assertEquals(0, loggedIn.exitCode(), loggedIn.toString());
    rememberStoredTokens(replicaConfig);
    Cli.Result whoami = viaReplica.run("auth", "whoami");
    assertEquals(0, whoami.exitCode(), whoami.toString());
    assertTrue(whoami.stdout().contains("User:          " + ADMIN_EMAIL), whoami.stdout());
    Cli.Result refreshed = viaReplica.run("auth", "refresh");
    assertEquals(0, refreshed.exitCode(), refreshed.toString());
    rememberStoredTokens(replicaConfig);
    Cli.Result billing = viaReplica.run("billing", "status");
    assertEquals(0, billing.exitCode(), "other services accept its tokens: " + billing);
    assertSlowDownAcrossReplicas(stack.controlPlaneUrl(), authReplica);

    // The same gateway token works on both gateway replicas, and each call counts once.
    long callsBefore =
        usageOf(summaryJson().path("byModel"), SdkClients.MODEL).path("events").asLong();
    SdkClients replicaSdks = new SdkClients(gatewayReplica, gatewayToken);
    for (int round = 0; round < 3; round++) {
      assertEquals(SdkClients.STAND_IN_REPLY, sdks.openAiCompletion());
      assertEquals(SdkClients.STAND_IN_REPLY, replicaSdks.anthropicMessage());
    }
    assertGatewayCallsCounted(callsBefore + 6, "");

    // A revocation through the first gateway holds on the second from the next call on.
    JsonNode second =
        cli.run("gateway", "credentials", "create", "--agent", agentId, "--json").json();
    String secondToken = second.path("token").asText();
    secrets.put("the second gateway token", secondToken);
    SdkClients secondOnReplica = new SdkClients(gatewayReplica, secondToken);
    assertEquals(SdkClients.STAND_IN_REPLY, secondOnReplica.openAiCompletion());
    Cli.Result revoked =
        cli.run("gateway", "credentials", "revoke", "--agent", agentId, second.path("id").asText());
    assertEquals(0, revoked.exitCode(), revoked.toString());
    SdkClients.Refusal refusal = secondOnReplica.openAiRefusal();
    assertTrue(refusal != null, "the replica refused the revoked token");
    assertEquals(401, refusal.status(), refusal.body());
    assertTrue(refusal.body().contains("invalid_gateway_token"), refusal.body());

    assertRateLimitSharedByReplicas(gatewayReplica);
  }

  /**
   * Sends a burst of twice an agent's per-minute limit, spread evenly over both gateway replicas.
   * The replicas split the limit between them, so about the limit is answered and the rest gets
   * 429, where two replicas with a bucket each would answer the whole burst. Each answered call
   * counts once in the summary.
   */
  private static void assertRateLimitSharedByReplicas(String gatewayReplica) throws Exception {
    for (String gateway : List.of(stack.serviceUrl("gateway"), gatewayReplica)) {
      Eventually.until(
          "the gateway at " + gateway + " counts two live replicas",
          () -> metricsOf(gateway),
          metrics -> TWO_LIVE_REPLICAS.matcher(metrics).find());
    }
    String token = startAgentWithGatewayToken("burst-bot");
    List<SdkClients> replicas =
        List.of(
            new SdkClients(stack.serviceUrl("gateway"), token),
            new SdkClients(gatewayReplica, token));
    long callsBefore =
        usageOf(summaryJson().path("byModel"), SdkClients.MODEL).path("events").asLong();

    int answered = 0;
    int limited = 0;
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<SdkClients.Refusal>> calls = new ArrayList<>();
      for (int call = 0; call < 2 * GATEWAY_REQUESTS_PER_MINUTE; call++) {
        calls.add(callers.submit(replicas.get(call % 2)::openAiRefusal));
      }
      for (Future<SdkClients.Refusal> call : calls) {
        SdkClients.Refusal refusal = call.get(120, TimeUnit.SECONDS);
        if (refusal == null) {
          answered++;
        } else {
          assertEquals(429, refusal.status(), refusal.body());
          assertTrue(refusal.body().contains("rate_limited"), refusal.body());
          limited++;
        }
      }
    } finally {
      callers.shutdownNow();
    }
    System.out.printf(
        "Rate limit on two gateway replicas: %d calls, %d answered, %d rejected with 429,"
            + " limit %d per minute%n",
        answered + limited, answered, limited, GATEWAY_REQUESTS_PER_MINUTE);

    assertTrue(
        answered >= GATEWAY_REQUESTS_PER_MINUTE,
        "the replicas answer the whole limit: " + answered);
    // The buckets refill a limit's worth a minute, so a burst that takes longer than 30 s would
    // get half a limit more.
    assertTrue(
        answered <= GATEWAY_REQUESTS_PER_MINUTE * 3 / 2,
        "the replicas answer about one limit, not one each: " + answered);
    assertGatewayCallsCounted(callsBefore + answered, " after the burst");
  }

  /** Waits until billing's summary counts the expected gateway calls, and then exactly those. */
  private static void assertGatewayCallsCounted(long expectedCalls, String when) {
    JsonNode summary =
        Eventually.until(
            expectedCalls + " gateway calls counted" + when,
            () -> summaryJson(),
            json ->
                usageOf(json.path("byModel"), SdkClients.MODEL).path("events").asLong()
                    >= expectedCalls);
    assertEquals(
        expectedCalls,
        usageOf(summary.path("byModel"), SdkClients.MODEL).path("events").asLong(),
        summary.toString());
  }

  /** Provisions and starts an agent on the walk-through's runtime and returns a gateway token. */
  private static String startAgentWithGatewayToken(String name) {
    Cli.Result created = cli.run("agent", "create", name, "--runtime", "build-host-1", "--json");
    assertEquals(0, created.exitCode(), created.toString());
    String id = created.json().path("id").asText();
    Cli.Result started = cli.run("agent", "start", name);
    assertEquals(0, started.exitCode(), started.toString());

    Cli.Result credential =
        Eventually.until(
            "gateway credentials create succeeds once the gateway knows " + name,
            () -> cli.run("gateway", "credentials", "create", "--agent", id, "--json"),
            result -> result.exitCode() == 0);
    String token = credential.json().path("token").asText();
    secrets.put("the gateway token of " + name, token);
    return token;
  }

  private static String metricsOf(String serviceUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * Starts a device login on one auth replica and polls its code at both, as RFC 8628 clients do
   * through {@code /oauth2/token}. Both replicas share the code's poll interval, so the second
   * poll, sent at once, gets {@code slow_down}.
   */
  private static void assertSlowDownAcrossReplicas(String firstAuth, String secondAuth)
      throws Exception {
    HttpResponse<String> authorization =
        postForm(secondAuth + "/oauth2/device_authorization", Map.of("client_id", "cli"));
    assertEquals(200, authorization.statusCode(), authorization.body());
    String deviceCode = JSON.readTree(authorization.body()).path("device_code").asText();
    secrets.put("a device code", deviceCode);
    Map<String, String> poll =
        Map.of(
            "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
            "device_code", deviceCode,
            "client_id", "cli");

    HttpResponse<String> first = postForm(firstAuth + "/oauth2/token", poll);
    HttpResponse<String> second = postForm(secondAuth + "/oauth2/token", poll);

    assertEquals(400, first.statusCode(), first.body());
    assertEquals("authorization_pending", JSON.readTree(first.body()).path("error").asText());
    assertEquals(400, second.statusCode(), second.body());
    assertEquals("slow_down", JSON.readTree(second.body()).path("error").asText());
  }

  private static HttpResponse<String> postForm(String url, Map<String, String> fields)
      throws IOException, InterruptedException {
    String form =
        fields.entrySet().stream()
            .map(
                field ->
                    URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Restarts PostgreSQL while the agent keeps calling the gateway and reporting usage. Every
   * service reports not ready while the database is away and ready again afterwards, by itself.
   * Every call and report that was acknowledged is counted exactly once. The reports rejected
   * meanwhile are sent again with their idempotency keys, as a client retries, and count once too.
   */
  @Test
  @Order(12)
  void postgresRestartLosesNothing() throws Exception {
    long gatewayCallsBefore =
        usageOf(summaryJson().path("byModel"), SdkClients.MODEL).path("events").asLong();
    AgentLoad load = AgentLoad.start(this::sendRestartReport, sdks);
    Thread.sleep(LOAD_BEFORE_FAULT.toMillis());

    Instant stopped = Instant.now();
    postgres.stopServer();
    Map<String, Duration> notReady = awaitEveryService(status -> status != 200, stopped);
    Thread.sleep(
        Math.max(0, Duration.between(Instant.now(), stopped.plus(POSTGRES_OUTAGE)).toMillis()));
    Instant restarted = Instant.now();
    postgres.startServer();
    Map<String, Duration> readyAgain = awaitEveryService(status -> status == 200, restarted);
    Thread.sleep(LOAD_BEFORE_FAULT.toMillis());
    AgentLoad.Outcome outcome = load.stop();

    for (AgentLoad.Report report : outcome.rejectedReports()) {
      Eventually.until(
          "the rejected report " + report.key() + " is accepted when sent again",
          () -> sendRestartReport(report.key(), report.occurredAt()),
          result -> result.exitCode() == 0);
    }
    assertEquals(SdkClients.STAND_IN_REPLY, sdks.openAiCompletion());
    Cli.Result last = sendRestartReport("e2e-restart-last-" + UUID.randomUUID(), now());
    assertEquals(0, last.exitCode(), last.toString());

    long expectedReports = outcome.acceptedReports() + outcome.rejectedReports().size() + 1;
    long expectedCalls = gatewayCallsBefore + outcome.answeredCalls() + 1;
    JsonNode after =
        Eventually.until(
            expectedReports + " reports and " + expectedCalls + " gateway calls counted",
            Duration.ofSeconds(180),
            () -> summaryJson(),
            json ->
                usageOf(json.path("byModel"), RESTART_MODEL).path("events").asLong()
                        >= expectedReports
                    && usageOf(json.path("byModel"), SdkClients.MODEL).path("events").asLong()
                        >= expectedCalls);
    System.out.printf(
        "PostgreSQL restart: down for %d s; not ready after %s; ready again after %s; %s%n",
        Duration.between(stopped, restarted).toSeconds(), notReady, readyAgain, outcome);

    assertEquals(
        expectedReports,
        usageOf(after.path("byModel"), RESTART_MODEL).path("events").asLong(),
        after.toString());
    assertEquals(
        expectedCalls,
        usageOf(after.path("byModel"), SdkClients.MODEL).path("events").asLong(),
        after.toString());
    assertFalse(
        outcome.rejectedReports().isEmpty(),
        "the agent reported usage while the database was away: " + outcome);
    assertTrue(outcome.answeredCalls() > 0, "the agent called the gateway: " + outcome);
  }

  private Cli.Result sendRestartReport(String key, String occurredAt) {
    return sendUsage(RESTART_MODEL, 10, 1, key, occurredAt);
  }

  /**
   * Polls every service's readiness check until each has once passed the test, and returns how long
   * after the start each took.
   *
   * @throws AssertionError with the last statuses when one did not within the time allowed
   */
  private static Map<String, Duration> awaitEveryService(IntPredicate test, Instant since)
      throws InterruptedException {
    Map<String, Duration> seen = new LinkedHashMap<>();
    Map<String, Integer> lastStatus = new LinkedHashMap<>();
    Instant deadline = Instant.now().plus(READINESS_CHANGE);
    while (seen.size() < LocalStackProcess.services().size() && Instant.now().isBefore(deadline)) {
      for (String service : LocalStackProcess.services()) {
        if (!seen.containsKey(service)) {
          int status = stack.readiness(service);
          lastStatus.put(service, status);
          if (test.test(status)) {
            seen.put(
                service, Duration.between(since, Instant.now()).truncatedTo(ChronoUnit.SECONDS));
          }
        }
      }
      Thread.sleep(250);
    }
    assertEquals(
        LocalStackProcess.services().size(),
        seen.size(),
        "readiness statuses within " + READINESS_CHANGE.toSeconds() + " s: " + lastStatus);
    return seen;
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Test
  @Order(100)
  @RunsAfterFailure
  void logsContainNoSecrets() throws IOException {
    rememberStoredTokens(configHome);
    stack.stop();
    postgres.copyLogTo(stack.logsDir().resolve("postgres.log"));

    List<Path> files = new ArrayList<>(LogScan.logFiles(stack.logsDir()));
    Path launcherLog = Files.writeString(work.resolve("roberto-local.log"), stack.launcherOutput());
    files.add(launcherLog);
    for (String service : List.of("auth", "billing", "runtime", "gateway", "webhook")) {
      assertTrue(
          files.contains(stack.logsDir().resolve(service + "-service.log")),
          "the log of " + service + "-service is among " + files);
    }

    List<LogScan.Finding> findings = LogScan.scan(files, secrets);

    assertEquals(List.of(), findings, "secrets in the logs of " + stack.logsDir());
  }

  private Cli.Result sendUsage(
      String model, long inputTokens, long outputTokens, String key, String occurredAt) {
    return sendUsage(model, inputTokens, outputTokens, null, key, occurredAt);
  }

  /**
   * Runs {@code roberto usage send} for the agent, signed with its secret. A cost of null leaves
   * the pricing to billing.
   */
  private Cli.Result sendUsage(
      String model,
      long inputTokens,
      long outputTokens,
      Long costMicros,
      String key,
      String occurredAt) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "usage",
                "send",
                "--agent",
                agentId,
                "--input-tokens",
                String.valueOf(inputTokens),
                "--output-tokens",
                String.valueOf(outputTokens),
                "--model",
                model,
                "--idempotency-key",
                key,
                "--occurred-at",
                occurredAt,
                "--secret-file",
                signingSecretFile.toString()));
    if (costMicros != null) {
      args.add("--cost-micros");
      args.add(String.valueOf(costMicros));
    }
    return cli.run(args.toArray(String[]::new));
  }

  private static JsonNode summaryJson() {
    Cli.Result summary = cli.run("billing", "summary", "--json");
    assertEquals(0, summary.exitCode(), summary.toString());
    return summary.json();
  }

  /** Returns the usage group of that name in the summary's list, or a missing node. */
  private static JsonNode usageOf(JsonNode groups, String name) {
    return namedElement(groups, name);
  }

  /** Returns the element of the array whose {@code name} is that name, or a missing node. */
  private static JsonNode namedElement(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(element -> name.equals(element.path("name").asText()))
        .findFirst()
        .orElse(JSON.missingNode());
  }

  private static HttpResponse<String> postStripeWebhook(String body, String signature)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(stack.serviceUrl("billing") + "/api/billing/stripe/webhook"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Stripe-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Adds the tokens in the CLI's auth store to the secrets; the CLI may have refreshed them. */
  private static void rememberStoredTokens(Path config) throws IOException {
    Path store = config.resolve("roberto/auth.json");
    if (!Files.exists(store)) {
      return;
    }
    JsonNode root = JSON.readTree(store.toFile());
    for (String field : List.of("accessToken", "refreshToken")) {
      for (JsonNode value : root.findValues(field)) {
        secrets.put("a stored " + field + " " + secrets.size(), value.asText());
      }
    }
    assertFalse(root.findValues("accessToken").isEmpty(), "the store has an access token");
  }

  /** Reads the {@code NAME=VALUE} lines of a credential file that {@code --env-file} wrote. */
  private static Map<String, String> readEnvironmentFile(Path file) throws IOException {
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "the credential file is readable only by its owner");
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      if (!line.startsWith("#") && equals > 0) {
        variables.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
      }
    }
    return variables;
  }

  private static Path writePrivateFile(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content);
  }
}
