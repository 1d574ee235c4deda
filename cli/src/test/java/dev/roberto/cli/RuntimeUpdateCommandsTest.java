package dev.roberto.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.runtime.UpdatesControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime-update commands as separate processes against the real runtime-service and
 * auth-service: check-updates and apply as the runtime, grant and agent update-status as the owner.
 */
class RuntimeUpdateCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path configHome;
  @TempDir Path work;

  private UpdatesControlPlane controlPlane;
  private String channel;
  private String agentId;
  private Path marker;

  @BeforeEach
  void setUp() {
    controlPlane = UpdatesControlPlane.shared();
    storeOwnerLogin();
    channel = "c-" + UUID.randomUUID().toString().substring(0, 8);
    agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    marker = work.resolve("marker.txt");
  }

  @Test
  void applyRunsVerifiedScriptOnce() throws Exception {
    controlPlane.publishAgentRelease(
        channel,
        "1.1.0",
        "install.sh",
        "echo \"$ROBERTO_UPDATE_TARGET_VERSION ${ROBERTO_RUNTIME_CLIENT_SECRET:-no-secret}\" >> "
            + marker
            + "\n");
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();

    JsonNode decision =
        json(
            runtimeCli(
                runtime,
                "runtime",
                "check-updates",
                "--version",
                "1.0.0",
                "--channel",
                channel,
                "--agent",
                agentId + "=1.0.0",
                "--json"));
    JsonNode agent = decision.get("agents").get(0);
    assertEquals("1.1.0", agent.get("targetVersion").asText());
    assertTrue(agent.get("approvalRequired").asBoolean());

    String grant = grant(runtime, "1.1.0");
    CliProcess.Result applied =
        runtimeCli(
            runtime, "runtime", "apply", "--approve", "--grant-token", grant, "--agent", agentId);

    assertEquals(0, applied.exitCode(), applied.stderr());
    assertTrue(
        applied.stdout().contains("Updated agent " + agentId + " to 1.1.0"), applied.stdout());
    assertTrue(applied.stderr().contains("Progress: downloading"), applied.stderr());
    assertEquals(List.of("1.1.0 no-secret"), Files.readAllLines(marker));
    JsonNode status = json(cli("agent", "update-status", agentId, "--json"));
    assertEquals("succeeded", status.get("state").asText());
    assertEquals("1.1.0", status.get("currentVersion").asText());

    // The same apply again, as after a restart: nothing runs twice.
    CliProcess.Result again =
        runtimeCli(
            runtime,
            "runtime",
            "apply",
            "--approve",
            "--grant-token",
            grant,
            "--agent",
            agentId,
            "--json");
    assertEquals(0, again.exitCode(), again.stderr());
    assertTrue(json(again).get("alreadyApplied").asBoolean());
    assertEquals(List.of("1.1.0 no-secret"), Files.readAllLines(marker));

    // The next check reports the applied version by itself.
    JsonNode next = json(runtimeCli(runtime, "runtime", "check-updates", "--json"));
    assertEquals("1.1.0", next.get("agents").get(0).get("currentVersion").asText());
    assertFalse(next.get("agents").get(0).get("updateAvailable").asBoolean());
  }

  @Test
  void applyWithoutApprovalIsRefused() {
    controlPlane.publishAgentRelease(channel, "1.1.0", "install.sh", "echo ran >> " + marker);
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();
    check(runtime);
    String grant = grant(runtime, "1.1.0");

    CliProcess.Result result =
        runtimeCli(runtime, "runtime", "apply", "--grant-token", grant, "--agent", agentId);

    assertEquals(ExitCodes.FAILURE, result.exitCode());
    assertTrue(result.stderr().contains("[approval_required]"), result.stderr());
    assertTrue(result.stderr().contains("Hint: "), result.stderr());
    assertFalse(Files.exists(marker));
  }

  @Test
  void scriptWithWrongHashIsNotRun() throws Exception {
    String scriptName = "install-" + UUID.randomUUID().toString().substring(0, 8) + ".sh";
    // The changed body has the same size, so only the SHA-256 can tell.
    controlPlane.publishAgentRelease(channel, "1.1.0", scriptName, "echo genuine >> " + marker);
    controlPlane.replaceScriptBody(scriptName, "echo changed >> " + marker);
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();
    check(runtime);
    String grant = grant(runtime, "1.1.0");

    CliProcess.Result result =
        runtimeCli(
            runtime, "runtime", "apply", "--approve", "--grant-token", grant, "--agent", agentId);

    assertEquals(ExitCodes.FAILURE, result.exitCode());
    assertTrue(result.stderr().contains("[script_hash_mismatch]"), result.stderr());
    assertFalse(Files.exists(marker), "a script ran");
    JsonNode status = json(cli("agent", "update-status", agentId, "--json"));
    assertEquals("failed", status.get("state").asText());
    assertTrue(status.get("lastError").asText().contains("SHA-256"), status.toString());
  }

  @Test
  void interruptedApplyIsNotRunAgain() throws Exception {
    // The script records that it ran, then kills the CLI's JVM, its parent, mid-run.
    controlPlane.publishAgentRelease(
        channel, "1.1.0", "install.sh", "echo ran >> " + marker + "\nkill -9 $PPID\nsleep 5\n");
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();
    check(runtime);
    String grant = grant(runtime, "1.1.0");
    String[] apply = {"runtime", "apply", "--approve", "--grant-token", grant, "--agent", agentId};

    CliProcess.Result killed = runtimeCli(runtime, apply);
    assertNotEquals(0, killed.exitCode());
    assertEquals(List.of("ran"), Files.readAllLines(marker));

    CliProcess.Result restarted = runtimeCli(runtime, apply);

    assertEquals(ExitCodes.FAILURE, restarted.exitCode());
    assertTrue(restarted.stderr().contains("[update_interrupted]"), restarted.stderr());
    assertEquals(List.of("ran"), Files.readAllLines(marker));
    JsonNode status = json(cli("agent", "update-status", agentId, "--json"));
    assertEquals("failed", status.get("state").asText());
  }

  @Test
  void failingScriptReportsExitCode() throws Exception {
    controlPlane.publishAgentRelease(channel, "1.1.0", "install.sh", "echo broken >&2\nexit 7\n");
    UpdatesControlPlane.Runtime runtime = controlPlane.registerRuntime();
    check(runtime);
    String grant = grant(runtime, "1.1.0");

    CliProcess.Result result =
        runtimeCli(
            runtime, "runtime", "apply", "--approve", "--grant-token", grant, "--agent", agentId);

    assertEquals(ExitCodes.FAILURE, result.exitCode());
    assertTrue(result.stderr().contains("[update_failed]"), result.stderr());
    assertTrue(result.stderr().contains("[install.sh] broken"), result.stderr());
    JsonNode status = json(cli("agent", "update-status", agentId, "--json"));
    assertEquals("failed", status.get("state").asText());
    assertEquals("exit code 7: script install.sh exited with 7.", status.get("lastError").asText());
  }

  @Test
  void runtimeCommandsNeedCredential() {
    CliProcess.Result result =
        CliProcess.run(
            configHome,
            "--control-plane",
            controlPlane.url(),
            "runtime",
            "check-updates",
            "--version",
            "1.0.0");

    assertEquals(ExitCodes.AUTHENTICATION, result.exitCode());
    assertTrue(result.stderr().contains("[runtime_credentials_missing]"), result.stderr());
    assertTrue(result.stderr().contains("roberto runtime register"), result.stderr());
  }

  @Test
  void grantForUnknownRuntimeIsNotFound() {
    CliProcess.Result result =
        cli(
            "runtime",
            "grant",
            "--runtime",
            UUID.randomUUID().toString(),
            "--channel",
            channel,
            "--target-version",
            "1.0.0");

    assertEquals(ExitCodes.FAILURE, result.exitCode());
    assertTrue(result.stderr().contains("[runtime_not_found]"), result.stderr());
  }

  /** Stores the owner's login in the CLI's auth store, as `roberto auth login` would. */
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
                "cli",
                login.services()));
  }

  private void check(UpdatesControlPlane.Runtime runtime) {
    CliProcess.Result result =
        runtimeCli(
            runtime,
            "runtime",
            "check-updates",
            "--version",
            "1.0.0",
            "--channel",
            channel,
            "--agent",
            agentId + "=1.0.0");
    assertEquals(0, result.exitCode(), result.stderr());
  }

  private String grant(UpdatesControlPlane.Runtime runtime, String version) {
    CliProcess.Result result =
        cli(
            "runtime",
            "grant",
            "--runtime",
            runtime.id(),
            "--agent",
            agentId,
            "--channel",
            channel,
            "--target-version",
            version,
            "--expires-in",
            "30m",
            "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    return json(result).get("grantToken").asText();
  }

  private CliProcess.Result cli(String... args) {
    return CliProcess.run(configHome, withControlPlane(args));
  }

  private CliProcess.Result runtimeCli(UpdatesControlPlane.Runtime runtime, String... args) {
    Map<String, String> environment = new HashMap<>(runtime.environment());
    return CliProcess.run(configHome, environment, withControlPlane(args));
  }

  private String[] withControlPlane(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--control-plane";
    all[1] = controlPlane.url();
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }

  private static JsonNode json(CliProcess.Result result) {
    assertEquals(0, result.exitCode(), result.stderr());
    try {
      return JSON.readTree(result.stdout());
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + result.stdout(), e);
    }
  }
}
