package dev.roberto.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roberto release ...} as separate processes against the real runtime-service and
 * auth-service, as the test workspace's owner unless a test logs in a member. Each test publishes
 * on a channel of its own, so the releases of other tests never show in its lists.
 */
class ReleaseCommandsTest {

  private static final Pattern RELEASE_ID = Pattern.compile("ID:\\s+([0-9a-f-]{36})");

  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path configHome;
  @TempDir Path scripts;

  private String channel;
  private Path upgrade;
  private Path migrate;

  @BeforeEach
  void ownerWithTwoScripts() throws Exception {
    RuntimeServiceFixture.storeOwnerLogin(configHome);
    channel = "c-" + UUID.randomUUID().toString().substring(0, 8);
    upgrade = Files.writeString(scripts.resolve("upgrade.sh"), "#!/bin/sh\necho upgrading\n");
    // Bytes that are not UTF-8 text, to show the content travels unchanged.
    migrate = Files.write(scripts.resolve("migrate-db.sh"), new byte[] {'e', 'c', 'h', 'o', -1, 0});
  }

  @Test
  void publishTwoScriptsThenList() throws Exception {
    CliProcess.Result published =
        roberto(
            publishArgs(
                "1.2.0",
                "--notes",
                "Faster start",
                "--rollout",
                "40",
                upgrade.toString(),
                migrate.toString()));

    assertEquals(0, published.exitCode(), published.stderr());
    String out = published.stdout();
    assertTrue(
        out.contains("Published agent 1.2.0 on channel " + channel + " with 2 scripts."), out);
    assertTrue(out.contains("Rollout:    40% of runtimes"), out);
    assertTrue(out.contains("Notes:      Faster start"), out);
    assertTrue(
        out.matches("(?s).*upgrade\\.sh\\s+" + size(upgrade) + "\\s+" + sha256(upgrade) + ".*"),
        out);
    assertTrue(out.matches("(?s).*migrate-db\\.sh\\s+6\\s+" + sha256(migrate) + ".*"), out);
    String releaseId = group(RELEASE_ID, out);

    JsonNode releases = releasesOn(channel);
    assertEquals(1, releases.size(), releases.toString());
    JsonNode release = releases.get(0);
    assertEquals(releaseId, release.path("id").asText());
    assertEquals("agent", release.path("component").asText());
    assertEquals("1.2.0", release.path("version").asText());
    assertEquals(40, release.path("rolloutPercent").asInt());
    assertEquals("Faster start", release.path("notes").asText());
    JsonNode first = release.path("scripts").get(0);
    assertEquals("upgrade.sh", first.path("name").asText());
    assertEquals(size(upgrade), first.path("size").asLong());
    assertEquals(sha256(upgrade), first.path("sha256").asText());
    JsonNode second = release.path("scripts").get(1);
    assertEquals("migrate-db.sh", second.path("name").asText());
    assertEquals(6, second.path("size").asLong());
    assertEquals(sha256(migrate), second.path("sha256").asText());

    CliProcess.Result listed = roberto("release", "list", "--channel", channel);
    assertEquals(0, listed.exitCode(), listed.stderr());
    assertTrue(listed.stdout().contains(releaseId), listed.stdout());
    assertTrue(
        listed
            .stdout()
            .contains("script upgrade.sh  " + size(upgrade) + " bytes  sha256 " + sha256(upgrade)),
        listed.stdout());
  }

  @Test
  void publishJsonIsReleaseBody() throws Exception {
    CliProcess.Result published = publish("2.0.0-rc.1", "--json");

    assertEquals(0, published.exitCode(), published.stderr());
    JsonNode release = json.readTree(published.stdout());
    assertEquals(channel, release.path("channel").asText());
    assertEquals("2.0.0-rc.1", release.path("version").asText());
    assertEquals(100, release.path("rolloutPercent").asInt());
    assertEquals(sha256(upgrade), release.path("scripts").get(0).path("sha256").asText());
    assertFalse(release.path("scripts").get(0).has("content"), "no script body in the output");
  }

  @Test
  void rolloutChangesPercent() throws Exception {
    String releaseId = json.readTree(publish("1.0.0", "--json").stdout()).path("id").asText();

    CliProcess.Result changed = roberto("release", "rollout", releaseId, "--percent", "25");

    assertEquals(0, changed.exitCode(), changed.stderr());
    assertTrue(changed.stdout().contains("is now offered to 25% of runtimes"), changed.stdout());
    assertEquals(25, releasesOn(channel).get(0).path("rolloutPercent").asInt());
  }

  @Test
  void rolloutOfUnknownReleaseIsNotFound() {
    CliProcess.Result result =
        roberto("release", "rollout", UUID.randomUUID().toString(), "--percent", "50");

    assertEquals(ExitCodes.FAILURE, result.exitCode());
    assertTrue(result.stderr().contains("[release_not_found]"), result.stderr());
    assertTrue(result.stderr().contains("Hint: "), result.stderr());
  }

  @Test
  void sameVersionTwiceIsRejected() {
    assertEquals(0, publish("1.0.0").exitCode());

    CliProcess.Result again = publish("1.0.0");

    assertEquals(ExitCodes.FAILURE, again.exitCode());
    assertTrue(again.stderr().contains("[release_exists]"), again.stderr());
    assertTrue(again.stderr().contains("Hint: Publish a new version instead"), again.stderr());
  }

  @Test
  void missingScriptPublishesNothing() throws Exception {
    Path missing = scripts.resolve("absent.sh");

    CliProcess.Result result =
        roberto(verbose(publishArgs("1.0.0", upgrade.toString(), missing.toString())));

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.stderr());
    assertTrue(
        result.stderr().contains("The script file " + missing + " does not exist."),
        result.stderr());
    assertFalse(result.stderr().contains("/api/runtime/releases"), "a request was sent");
    assertEquals(0, releasesOn(channel).size());
  }

  @Test
  void badOptionsAreRejectedBeforeRequest() throws Exception {
    String[][] cases = {
      {"--component", "agent", "--channel", channel, "--version", "1.0.0"},
      {"--component", "agent", "--channel", channel, "--version", "1.0", upgrade.toString()},
      {"--component", "agents", "--channel", channel, "--version", "1.0.0", upgrade.toString()},
      {"--component", "agent", "--channel", "Stable!", "--version", "1.0.0", upgrade.toString()},
      {
        "--component",
        "agent",
        "--channel",
        channel,
        "--version",
        "1.0.0",
        "--rollout",
        "101",
        upgrade.toString()
      },
      {"--component", "agent", "--channel", channel, "--version", "1.0.0", scripts.toString()},
    };
    String[] messages = {
      "Missing required parameter: 'SCRIPT'",
      "--version '1.0' is not a semantic version",
      "--component must be runtime or agent, not 'agents'.",
      "--channel 'Stable!' is not a channel name",
      "--rollout must be a percentage from 0 to 100, not 101.",
      "is a folder, not a file.",
    };

    for (int i = 0; i < cases.length; i++) {
      CliProcess.Result result =
          roberto(verbose(concat(new String[] {"release", "publish"}, cases[i])));

      assertEquals(ExitCodes.USAGE, result.exitCode(), result.stderr());
      assertTrue(result.stderr().contains(messages[i]), result.stderr());
      assertTrue(result.stderr().contains("Hint: "), result.stderr());
      assertFalse(result.stderr().contains("/api/runtime/releases"), "a request was sent");
    }
    assertEquals(0, releasesOn(channel).size());
  }

  @Test
  void memberCannotPublishButCanList() throws Exception {
    Path memberHome = Files.createDirectory(configHome.resolve("member"));
    RuntimeServiceFixture.storeLogin(memberHome, "member");
    assertEquals(0, publish("1.0.0").exitCode());

    CliProcess.Result refused =
        CliProcess.run(memberHome, publishArgs("1.1.0", upgrade.toString()));

    assertEquals(ExitCodes.FAILURE, refused.exitCode());
    assertTrue(refused.stderr().contains("[forbidden]"), refused.stderr());
    assertTrue(
        refused.stderr().contains("Hint: Ask a workspace owner or admin for the role"),
        refused.stderr());

    CliProcess.Result refusedJson =
        CliProcess.run(
            memberHome,
            "release",
            "rollout",
            UUID.randomUUID().toString(),
            "--percent",
            "5",
            "--json");
    assertEquals(ExitCodes.FAILURE, refusedJson.exitCode());
    JsonNode problem = json.readTree(refusedJson.stderr());
    assertEquals("forbidden", problem.path("code").asText());
    assertTrue(problem.path("hint").asText().contains("owner or admin"), problem.toString());

    CliProcess.Result listed =
        CliProcess.run(memberHome, "release", "list", "--channel", channel, "--json");
    assertEquals(0, listed.exitCode(), listed.stderr());
    JsonNode releases = json.readTree(listed.stdout()).path("releases");
    assertEquals(1, releases.size(), listed.stdout());
    assertEquals("1.0.0", releases.get(0).path("version").asText());
  }

  @Test
  void listFiltersByComponent() throws Exception {
    assertEquals(0, publish("1.0.0").exitCode());

    CliProcess.Result runtimes =
        roberto("release", "list", "--component", "runtime", "--channel", channel, "--json");

    assertEquals(0, runtimes.exitCode(), runtimes.stderr());
    assertEquals(0, json.readTree(runtimes.stdout()).path("releases").size());
    CliProcess.Result empty =
        roberto("release", "list", "--component", "runtime", "--channel", channel);
    assertTrue(empty.stdout().contains("No releases found."), empty.stdout());
  }

  @Test
  void publishHelpNamesOptions() {
    CliProcess.Result help = roberto("release", "publish", "--help");

    assertEquals(0, help.exitCode(), help.stderr());
    assertTrue(help.stdout().contains("--version=VERSION"), help.stdout());
    assertTrue(help.stdout().contains("--rollout=PERCENT"), help.stdout());
  }

  /** Publishes {@link #upgrade} as the agent's {@code version} on this test's channel. */
  private CliProcess.Result publish(String version, String... more) {
    return roberto(concat(publishArgs(version, upgrade.toString()), more));
  }

  /**
   * Returns the arguments of {@code roberto release publish} for the agent's {@code version} on
   * this test's channel, followed by {@code more}: options and script files.
   */
  private String[] publishArgs(String version, String... more) {
    String[] base = {
      "release", "publish", "--component", "agent", "--channel", channel, "--version", version
    };
    return concat(base, more);
  }

  private static String[] verbose(String[] args) {
    return concat(new String[] {"--verbose"}, args);
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  private JsonNode releasesOn(String channel) throws Exception {
    CliProcess.Result listed = roberto("release", "list", "--channel", channel, "--json");
    assertEquals(0, listed.exitCode(), listed.stderr());
    return json.readTree(listed.stdout()).path("releases");
  }

  private CliProcess.Result roberto(String... args) {
    return CliProcess.run(configHome, args);
  }

  private static long size(Path file) throws Exception {
    return Files.size(file);
  }

  private static String sha256(Path file) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest);
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "no match of " + pattern + " in " + text);
    return matcher.group(1);
  }
}
