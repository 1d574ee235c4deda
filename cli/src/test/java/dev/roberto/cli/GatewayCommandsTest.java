package dev.roberto.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roberto gateway credentials ...} as separate processes against the real gateway-service.
 */
class GatewayCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INVALID_TOKEN = "invalid_gateway_token";
  private static final Pattern TOKEN = Pattern.compile("^  (rgw_\\S+)$", Pattern.MULTILINE);
  private static final Pattern CREDENTIAL_ID =
      Pattern.compile("gateway credential (\\S+) for agent");

  @TempDir Path configHome;

  private String agentId;

  @BeforeEach
  void signUpWithAgent() {
    Person person = Person.signUpAndLogIn(configHome, ServicesUnderTest.controlPlane().url());
    agentId = ServicesUnderTest.controlPlane().createAgent(person.workspaceId());
  }

  @Test
  void createListRotateRevoke() throws Exception {
    CliProcess.Result created = roberto("gateway", "credentials", "create", "--agent", agentId);
    assertEquals(0, created.exitCode(), created.stderr());
    String firstToken = match(TOKEN, created.stdout());
    String firstId = match(CREDENTIAL_ID, created.stdout());
    assertTrue(created.stdout().contains("shown only this once"), created.stdout());
    assertNotEquals(INVALID_TOKEN, modelsProblem(firstToken), "the gateway accepts the new token");

    CliProcess.Result listed = roberto("gateway", "credentials", "list", "--agent", agentId);
    assertEquals(0, listed.exitCode(), listed.stderr());
    assertTrue(listed.stdout().contains("PREFIX"), listed.stdout());
    assertTrue(listed.stdout().contains("LAST USED"), listed.stdout());
    assertTrue(listed.stdout().contains(firstId), listed.stdout());
    assertTrue(listed.stdout().contains(firstToken.substring(0, 12)), listed.stdout());
    assertFalse(listed.stdout().contains(firstToken), "list never shows a token");

    CliProcess.Result rotated = roberto("gateway", "credentials", "rotate", "--agent", agentId);
    assertEquals(0, rotated.exitCode(), rotated.stderr());
    String secondToken = match(TOKEN, rotated.stdout());
    String secondId = match(CREDENTIAL_ID, rotated.stdout());
    assertNotEquals(firstToken, secondToken);
    assertTrue(rotated.stdout().startsWith("Rotated " + firstId + " into"), rotated.stdout());

    JsonNode afterRotation =
        JSON.readTree(
            roberto("--json", "gateway", "credentials", "list", "--agent", agentId).stdout());
    assertEquals("expiring", statusOf(afterRotation, firstId));
    assertEquals("active", statusOf(afterRotation, secondId));
    for (JsonNode credential : afterRotation) {
      assertFalse(credential.has("token"), "list never returns a token");
    }

    CliProcess.Result revoked =
        roberto("gateway", "credentials", "revoke", "--agent", agentId, secondId);
    assertEquals(0, revoked.exitCode(), revoked.stderr());
    assertTrue(
        revoked.stdout().contains("Revoked gateway credential " + secondId), revoked.stdout());
    JsonNode afterRevocation =
        JSON.readTree(
            roberto("--json", "gateway", "credentials", "list", "--agent", agentId).stdout());
    assertEquals("revoked", statusOf(afterRevocation, secondId));
    assertEquals(INVALID_TOKEN, modelsProblem(secondToken), "the gateway rejects the revoked one");
  }

  @Test
  void createAsJsonCarriesToken() throws Exception {
    CliProcess.Result created =
        roberto("--json", "gateway", "credentials", "create", "--agent", agentId);

    assertEquals(0, created.exitCode(), created.stderr());
    JsonNode credential = JSON.readTree(created.stdout());
    assertEquals(agentId, credential.path("agentId").asText());
    assertEquals("active", credential.path("status").asText());
    assertTrue(credential.path("token").asText().startsWith("rgw_"), created.stdout());
    assertTrue(
        credential.path("token").asText().startsWith(credential.path("prefix").asText()),
        created.stdout());
  }

  @Test
  void rotateWithoutIdNeedsOneActive() {
    assertEquals(0, roberto("gateway", "credentials", "create", "--agent", agentId).exitCode());
    assertEquals(0, roberto("gateway", "credentials", "create", "--agent", agentId).exitCode());

    CliProcess.Result rotated = roberto("gateway", "credentials", "rotate", "--agent", agentId);

    assertEquals(ExitCodes.USAGE, rotated.exitCode(), rotated.stderr());
    assertTrue(rotated.stderr().contains("has 2 active gateway credentials"), rotated.stderr());
    assertEquals("", rotated.stdout());
  }

  @Test
  void unknownAgentIsNotFound() {
    CliProcess.Result listed =
        roberto("gateway", "credentials", "list", "--agent", "agent-that-does-not-exist");

    assertEquals(ExitCodes.FAILURE, listed.exitCode(), listed.stderr());
    assertTrue(listed.stderr().contains("[unknown_agent]"), listed.stderr());
    assertTrue(listed.stderr().contains("Hint: "), listed.stderr());
  }

  private CliProcess.Result roberto(String... args) {
    return CliProcess.run(configHome, ServicesUnderTest.environment(), args);
  }

  /**
   * Returns the problem code of {@code GET /v1/models} at the gateway with the token, or an empty
   * string when it succeeds. A workspace whose entitlements have not reached the gateway yet gets a
   * billing problem, which still means the token itself was accepted.
   */
  private static String modelsProblem(String token) {
    Response response =
        given()
            .baseUri(ServicesUnderTest.controlPlane().service("gateway-service").url())
            .auth()
            .oauth2(token)
            .when()
            .get("/api/gateway/v1/models");
    return response.statusCode() == 200 ? "" : response.jsonPath().getString("code");
  }

  private static String statusOf(JsonNode credentials, String id) {
    for (JsonNode credential : credentials) {
      if (credential.path("id").asText().equals(id)) {
        return credential.path("status").asText();
      }
    }
    throw new AssertionError("No credential " + id + " in " + credentials);
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "No match of " + pattern + " in " + text);
    return matcher.group(1);
  }
}
