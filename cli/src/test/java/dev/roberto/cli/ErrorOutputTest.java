package dev.roberto.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and hints of failures, from the packaged CLI. */
class ErrorOutputTest {

  @TempDir Path configHome;

  @Test
  void whoamiWithoutLoginExitsWithAuthentication() {
    CliProcess.Result result = CliProcess.run(configHome, "auth", "whoami");

    assertEquals(ExitCodes.AUTHENTICATION, result.exitCode());
    assertTrue(result.stderr().contains("Hint: Run `roberto auth login"), result.stderr());
    assertFalse(result.stderr().contains("Exception"), result.stderr());
  }

  @Test
  void unreachableControlPlaneExitsWithUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CliProcess.Result result =
        CliProcess.run(
            configHome,
            "--json",
            "auth",
            "login",
            "--no-browser",
            "--control-plane",
            "http://127.0.0.1:" + closedPort);

    assertEquals(ExitCodes.UNAVAILABLE, result.exitCode());
    JsonNode error = new ObjectMapper().readTree(result.stderr().strip());
    assertEquals("server_unavailable", error.path("code").asText());
    assertTrue(error.path("hint").asText().contains("--control-plane"), result.stderr());
  }

  @Test
  void unknownCommandExitsWithUsage() {
    CliProcess.Result result = CliProcess.run(configHome, "auth", "sign-in");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.stderr().contains("Hint: run `roberto auth --help`"), result.stderr());
  }

  @Test
  void helpListsExitCodesAndVersionPrints() {
    CliProcess.Result help = CliProcess.run(configHome, "--help");
    CliProcess.Result version = CliProcess.run(configHome, "--version");

    assertEquals(0, help.exitCode());
    assertTrue(help.stdout().contains("Exit codes:"), help.stdout());
    assertTrue(help.stdout().contains("5   Server unavailable"), help.stdout());
    assertEquals(0, version.exitCode());
    assertTrue(version.stdout().startsWith("roberto 0."), version.stdout());
  }

  @Test
  void checkUpdatesHelpShowsVersionOption() {
    CliProcess.Result help = CliProcess.run(configHome, "runtime", "check-updates", "--help");

    assertEquals(0, help.exitCode(), help.stderr());
    assertTrue(help.stdout().contains("--version=VERSION"), help.stdout());
    assertTrue(help.stdout().contains("--help"), help.stdout());
  }
}
