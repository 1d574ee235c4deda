package dev.roberto.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.billing.BillingApi;
import dev.roberto.client.store.AuthStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roberto usage send}: signed usage reports to the real webhook-service, which requires
 * signatures as it does by default, and their way into billing-service's summary.
 */
class UsageSendTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET = Pattern.compile("^  (whsec_\\S+)$", Pattern.MULTILINE);
  private static final Pattern EVENT_ID = Pattern.compile("usage event (\\S+)");

  @TempDir Path configHome;
  @TempDir Path files;

  private String agentId;
  private String secret;
  private Path secretFile;

  @BeforeEach
  void signUpWithAgentAndSecret() throws Exception {
    Person person = Person.signUpAndLogIn(configHome, ServicesUnderTest.controlPlane().url());
    agentId = ServicesUnderTest.controlPlane().createAgent(person.workspaceId());
    CliProcess.Result created = roberto("webhooks", "secret", "create", "--agent", agentId);
    assertEquals(0, created.exitCode(), created.stderr());
    secret = match(SECRET, created.stdout());
    secretFile = files.resolve("signing-secret");
    Files.writeString(secretFile, secret + "\n");
  }

  @Test
  void signedReportCountsOnceInBilling() throws Exception {
    String key = UUID.randomUUID().toString();
    String occurredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String[] send = {
      "usage",
      "send",
      "--agent",
      agentId,
      "--input-tokens",
      "1200",
      "--output-tokens",
      "340",
      "--cost-micros",
      "5400",
      "--model",
      "gpt-4o",
      "--occurred-at",
      occurredAt,
      "--idempotency-key",
      key,
      "--secret-file",
      secretFile.toString(),
      "--verbose"
    };

    CliProcess.Result first = roberto(send);
    CliProcess.Result retry = roberto(send);

    assertEquals(0, first.exitCode(), first.stderr());
    assertTrue(first.stdout().startsWith("Accepted usage event "), first.stdout());
    String eventId = match(EVENT_ID, first.stdout());
    assertEquals(0, retry.exitCode(), retry.stderr());
    assertTrue(retry.stdout().startsWith("Replayed: "), retry.stdout());
    assertEquals(eventId, match(EVENT_ID, retry.stdout()));
    for (CliProcess.Result result : new CliProcess.Result[] {first, retry}) {
      assertFalse(result.stdout().contains(secret), "no secret on stdout");
      assertFalse(result.stderr().contains(secret), "no secret on stderr");
    }
    assertTrue(first.stderr().contains("/api/webhooks/usage?agentId=" + agentId), first.stderr());

    awaitConsumptionInBilling(5400);
    CliProcess.Result summary = roberto("billing", "summary");
    assertEquals(0, summary.exitCode(), summary.stderr());
    assertTrue(summary.stdout().contains(agentId), summary.stdout());
    assertTrue(summary.stdout().contains("Consumed:     0.0054"), summary.stdout());
  }

  @Test
  void secretFromEnvironmentSignsAsJson() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            configHome,
            Map.of(
                "ROBERTO_CONTROL_PLANE",
                ServicesUnderTest.controlPlane().url(),
                "ROBERTO_WEBHOOK_SECRET",
                secret),
            "--json",
            "usage",
            "send",
            "--agent",
            agentId,
            "--input-tokens",
            "10",
            "--output-tokens",
            "5",
            "--model",
            "gpt-4o-mini");

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode receipt = JSON.readTree(result.stdout());
    assertEquals(agentId, receipt.path("agentId").asText());
    assertFalse(receipt.path("eventId").asText().isEmpty(), result.stdout());
    assertFalse(receipt.path("replayed").asBoolean());
  }

  @Test
  void unsignedReportPointsToSecret() {
    CliProcess.Result result = sendUsage("1");

    assertEquals(ExitCodes.AUTHENTICATION, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("[signature_required]"), result.stderr());
    assertTrue(result.stderr().contains("Hint: Pass --secret-file FILE"), result.stderr());
  }

  @Test
  void wrongSecretIsRejected() throws Exception {
    Path wrong = files.resolve("wrong-secret");
    Files.writeString(wrong, "whsec_not_the_agents_secret");

    CliProcess.Result result = sendUsage("1", "--secret-file", wrong.toString());

    assertEquals(ExitCodes.AUTHENTICATION, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("[signature_invalid]"), result.stderr());
    assertFalse(result.stderr().contains("whsec_not_the_agents_secret"), result.stderr());
  }

  @Test
  void invalidReportListsFields() {
    CliProcess.Result result = sendUsage("-5", "--secret-file", secretFile.toString());

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("[invalid_usage]"), result.stderr());
    assertTrue(result.stderr().contains("  inputTokens: must not be negative"), result.stderr());
  }

  @Test
  void idempotencyKeyNeedsOccurredAt() {
    CliProcess.Result result =
        sendUsage("1", "--idempotency-key", "key-1", "--secret-file", secretFile.toString());

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("needs --occurred-at"), result.stderr());
  }

  @Test
  void missingSecretFileIsUsageError() {
    CliProcess.Result result = sendUsage("1", "--secret-file", files.resolve("absent").toString());

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("does not exist"), result.stderr());
  }

  /**
   * Runs {@code roberto usage send} for the agent: {@code inputTokens} and one output token of
   * gpt-4o, followed by {@code more} options.
   */
  private CliProcess.Result sendUsage(String inputTokens, String... more) {
    String[] report = {
      "usage",
      "send",
      "--agent",
      agentId,
      "--input-tokens",
      inputTokens,
      "--output-tokens",
      "1",
      "--model",
      "gpt-4o"
    };
    String[] args = Arrays.copyOf(report, report.length + more.length);
    System.arraycopy(more, 0, args, report.length, more.length);
    return roberto(args);
  }

  private void awaitConsumptionInBilling(long micros) {
    RobertoClient client =
        RobertoClient.builder(ServicesUnderTest.controlPlane().url())
            .store(new AuthStore(configHome.resolve("roberto")))
            .build();
    BillingApi billing = new BillingApi(client);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> billing.summary(null, null).consumedMicros() == micros);
  }

  private CliProcess.Result roberto(String... args) {
    return CliProcess.run(configHome, ServicesUnderTest.environment(), args);
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "No match of " + pattern + " in " + text);
    return matcher.group(1);
  }
}
