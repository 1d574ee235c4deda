package dev.roberto.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.runtime.TestRuntimeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roberto runtime ...} and {@code roberto agent ...} as separate processes against the real
 * runtime-service and auth-service.
 */
class RuntimeAgentCommandsTest {

  private static final Entitlements ALL = new Entitlements(true, true, true, true);
  private static final Entitlements PROVISION_ONLY = new Entitlements(true, false, false, true);
  private static final Pattern CLIENT_ID = Pattern.compile("ROBERTO_RUNTIME_CLIENT_ID=(\\S+)");
  private static final Pattern CLIENT_SECRET =
      Pattern.compile("ROBERTO_RUNTIME_CLIENT_SECRET=(\\S+)");

  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path configHome;

  @BeforeEach
  void loggedInOwnerWithEntitlements() {
    RuntimeServiceFixture.storeOwnerLogin(configHome);
    TestRuntimeService.entitle(ALL);
  }

  @Test
  void registerPrintsUsableCredentialOnce() throws Exception {
    String name = "host-" + shortId();

    CliProcess.Result registered = CliProcess.run(configHome, "runtime", "register", name);

    assertEquals(0, registered.exitCode(), registered.stderr());
    assertTrue(registered.stdout().contains("shown only this once"), registered.stdout());
    String clientId = group(CLIENT_ID, registered.stdout());
    String clientSecret = group(CLIENT_SECRET, registered.stdout());
    assertEquals(200, tokenStatus(clientId, clientSecret), "the printed credential works");

    CliProcess.Result listed = CliProcess.run(configHome, "runtime", "list", "--json");
    assertEquals(0, listed.exitCode(), listed.stderr());
    JsonNode runtimes = json.readTree(listed.stdout()).path("runtimes");
    assertTrue(runtimes.toString().contains(name), listed.stdout());
    assertTrue(runtimes.toString().contains(clientId), listed.stdout());
    assertFalse(listed.stdout().contains(clientSecret), "the list shows no secret");
  }

  @Test
  void registerWritesEnvFileInsteadOfPrinting() throws Exception {
    Path envFile = configHome.resolve("host.env");

    CliProcess.Result registered =
        CliProcess.run(
            configHome,
            "runtime",
            "register",
            "host-" + shortId(),
            "--env-file",
            envFile.toString());

    assertEquals(0, registered.exitCode(), registered.stderr());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));
    String content = Files.readString(envFile);
    String clientSecret = group(CLIENT_SECRET, content);
    assertFalse(registered.stdout().contains(clientSecret), "no secret on stdout");
    assertEquals(200, tokenStatus(group(CLIENT_ID, content), clientSecret));

    CliProcess.Result again =
        CliProcess.run(
            configHome,
            "runtime",
            "register",
            "host-" + shortId(),
            "--env-file",
            envFile.toString());
    assertEquals(ExitCodes.FAILURE, again.exitCode());
    assertTrue(again.stderr().contains("exists already"), again.stderr());
    assertEquals(content, Files.readString(envFile), "the existing file is unchanged");
  }

  @Test
  void agentLifecycleByName() throws Exception {
    String runtime = "host-" + shortId();
    String agent = "agent-" + shortId();
    assertEquals(0, CliProcess.run(configHome, "runtime", "register", runtime).exitCode());

    CliProcess.Result created =
        CliProcess.run(configHome, "agent", "create", agent, "--runtime", runtime);
    assertEquals(0, created.exitCode(), created.stderr());
    assertTrue(created.stdout().contains("State:    stopped"), created.stdout());

    CliProcess.Result listed = CliProcess.run(configHome, "agent", "list", "--runtime", runtime);
    assertEquals(0, listed.exitCode(), listed.stderr());
    assertTrue(listed.stdout().contains(agent), listed.stdout());

    CliProcess.Result started = CliProcess.run(configHome, "agent", "start", agent, "--json");
    assertEquals(0, started.exitCode(), started.stderr());
    assertEquals("running", json.readTree(started.stdout()).path("state").asText());

    CliProcess.Result deleteRunning = CliProcess.run(configHome, "agent", "delete", agent);
    assertEquals(ExitCodes.FAILURE, deleteRunning.exitCode());
    assertTrue(deleteRunning.stderr().contains("[agent_running]"), deleteRunning.stderr());
    assertTrue(deleteRunning.stderr().contains("Hint: Run `roberto agent stop"));

    CliProcess.Result stopped = CliProcess.run(configHome, "agent", "stop", agent);
    assertEquals(0, stopped.exitCode(), stopped.stderr());
    assertTrue(stopped.stdout().contains("State:    stopped"), stopped.stdout());

    CliProcess.Result deleted = CliProcess.run(configHome, "agent", "delete", agent);
    assertEquals(0, deleted.exitCode(), deleted.stderr());

    CliProcess.Result shown = CliProcess.run(configHome, "agent", "show", agent);
    assertEquals(ExitCodes.FAILURE, shown.exitCode());
    assertTrue(shown.stderr().contains("[agent_not_found]"), shown.stderr());
    assertTrue(shown.stderr().contains("Hint: Run `roberto agent list`"), shown.stderr());
  }

  @Test
  void billingRefusalExitsWithBillingCode() {
    String runtime = "host-" + shortId();
    String agent = "agent-" + shortId();
    assertEquals(0, CliProcess.run(configHome, "runtime", "register", runtime).exitCode());
    assertEquals(
        0, CliProcess.run(configHome, "agent", "create", agent, "--runtime", runtime).exitCode());

    TestRuntimeService.entitle(PROVISION_ONLY);
    try {
      CliProcess.Result refused = CliProcess.run(configHome, "agent", "start", agent);

      assertEquals(ExitCodes.BILLING, refused.exitCode(), refused.stderr());
      assertTrue(refused.stderr().contains("[billing_inactive]"), refused.stderr());
      assertTrue(
          refused.stderr().contains("Hint: Run `roberto billing status`."), refused.stderr());
    } finally {
      TestRuntimeService.entitle(ALL);
    }
  }

  @Test
  void unknownRuntimeNameIsNotFound() {
    CliProcess.Result result =
        CliProcess.run(configHome, "agent", "create", "agent-" + shortId(), "--runtime", "nowhere");

    assertEquals(ExitCodes.FAILURE, result.exitCode());
    assertTrue(result.stderr().contains("[runtime_not_found]"), result.stderr());
    assertTrue(result.stderr().contains("Hint: Run `roberto runtime list`"), result.stderr());
  }

  private static int tokenStatus(String clientId, String clientSecret) {
    return given()
        .baseUri(AuthServiceProcess.shared().url())
        .auth()
        .preemptive()
        .basic(clientId, clientSecret)
        .formParam("grant_type", "client_credentials")
        .when()
        .post("/oauth2/token")
        .statusCode();
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "no match of " + pattern + " in: " + text);
    return matcher.group(1);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
