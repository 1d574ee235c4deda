package dev.roberto.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roberto webhooks secret ...} as separate processes against the real webhook-service. */
class WebhookSecretCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET = Pattern.compile("^  (whsec_\\S+)$", Pattern.MULTILINE);
  private static final Pattern SECRET_ID = Pattern.compile("signing secret (\\S+) for agent");

  @TempDir Path configHome;

  private String agentId;

  @BeforeEach
  void signUpWithAgent() {
    Person person = Person.signUpAndLogIn(configHome, ServicesUnderTest.controlPlane().url());
    agentId = ServicesUnderTest.controlPlane().createAgent(person.workspaceId());
  }

  @Test
  void createListRotateRevoke() throws Exception {
    CliProcess.Result created = roberto("webhooks", "secret", "create", "--agent", agentId);
    assertEquals(0, created.exitCode(), created.stderr());
    String firstSecret = match(SECRET, created.stdout());
    String firstId = match(SECRET_ID, created.stdout());
    assertTrue(created.stdout().contains("shown only this once"), created.stdout());

    CliProcess.Result listed = roberto("webhooks", "secret", "list", "--agent", agentId);
    assertEquals(0, listed.exitCode(), listed.stderr());
    assertTrue(listed.stdout().contains(firstId), listed.stdout());
    assertTrue(listed.stdout().contains("active"), listed.stdout());
    assertFalse(listed.stdout().contains(firstSecret), "list never shows a secret");

    CliProcess.Result rotated = roberto("webhooks", "secret", "rotate", "--agent", agentId);
    assertEquals(0, rotated.exitCode(), rotated.stderr());
    String secondSecret = match(SECRET, rotated.stdout());
    String secondId = match(SECRET_ID, rotated.stdout());
    assertNotEquals(firstSecret, secondSecret);

    CliProcess.Result revoked =
        roberto("webhooks", "secret", "revoke", "--agent", agentId, secondId);
    assertEquals(0, revoked.exitCode(), revoked.stderr());

    JsonNode secrets =
        JSON.readTree(roberto("--json", "webhooks", "secret", "list", "--agent", agentId).stdout());
    assertEquals("expiring", statusOf(secrets, firstId));
    assertEquals("revoked", statusOf(secrets, secondId));
    for (JsonNode secret : secrets) {
      assertFalse(secret.has("secret"), "list never returns a secret");
    }
  }

  @Test
  void createAsJsonCarriesSecret() throws Exception {
    CliProcess.Result created =
        roberto("--json", "webhooks", "secret", "create", "--agent", agentId);

    assertEquals(0, created.exitCode(), created.stderr());
    JsonNode secret = JSON.readTree(created.stdout());
    assertEquals(agentId, secret.path("agentId").asText());
    assertTrue(secret.path("secret").asText().startsWith("whsec_"), created.stdout());
  }

  @Test
  void rotateWithoutIdNeedsOneActive() throws Exception {
    CliProcess.Result first = roberto("webhooks", "secret", "create", "--agent", agentId);
    String firstId = match(SECRET_ID, first.stdout());
    assertEquals(0, roberto("webhooks", "secret", "create", "--agent", agentId).exitCode());

    CliProcess.Result rotated = roberto("webhooks", "secret", "rotate", "--agent", agentId);

    assertEquals(ExitCodes.USAGE, rotated.exitCode(), rotated.stderr());
    assertTrue(rotated.stderr().contains("has 2 active signing secrets"), rotated.stderr());
    assertTrue(
        rotated.stderr().contains("`roberto webhooks secret list --agent " + agentId + "`"),
        rotated.stderr());
    assertEquals("", rotated.stdout());
    JsonNode secrets =
        JSON.readTree(roberto("--json", "webhooks", "secret", "list", "--agent", agentId).stdout());
    assertEquals("active", statusOf(secrets, firstId), "a rejected rotation changes nothing");
  }

  @Test
  void listOfOtherWorkspacesAgentIsNotFound() {
    String otherAgent =
        ServicesUnderTest.controlPlane().createAgent("00000000-0000-0000-0000-0000000000aa");

    CliProcess.Result listed = roberto("webhooks", "secret", "list", "--agent", otherAgent);

    assertEquals(ExitCodes.FAILURE, listed.exitCode(), listed.stderr());
    assertTrue(listed.stderr().contains("[unknown_agent]"), listed.stderr());
  }

  private CliProcess.Result roberto(String... args) {
    return CliProcess.run(configHome, ServicesUnderTest.environment(), args);
  }

  private static String statusOf(JsonNode secrets, String id) {
    for (JsonNode secret : secrets) {
      if (secret.path("id").asText().equals(id)) {
        return secret.path("status").asText();
      }
    }
    throw new AssertionError("No secret " + id + " in " + secrets);
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "No match of " + pattern + " in " + text);
    return matcher.group(1);
  }
}
