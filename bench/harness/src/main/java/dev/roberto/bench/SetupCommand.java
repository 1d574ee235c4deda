package dev.roberto.bench;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roberto.testsupport.auth.DeviceLogin;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prepares what a benchmark needs, through the services' public APIs: a signed-in user, billing
 * credits, an agent, and a gateway token or a webhook signing secret for that agent. It writes them
 * as shell variables to a file that only the owner can read, and prints no secret.
 */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = "Sign in, open the billing account, create an agent and its credentials.")
final class SetupCommand implements Callable<Integer> {

  static final String PASSWORD_VARIABLE = "ROBERTO_BENCH_PASSWORD";
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:+/=-]+");

  @Option(names = "--auth-url", required = true, description = "auth-service's base URL.")
  String authUrl;

  @Option(names = "--billing-url", required = true, description = "billing-service's base URL.")
  String billingUrl;

  @Option(
      names = "--gateway-url",
      description = "gateway-service's base URL; creates a gateway token when set.")
  String gatewayUrl;

  @Option(
      names = "--webhook-url",
      description = "webhook-service's base URL; creates a signing secret when set.")
  String webhookUrl;

  @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers.")
  String kafkaBootstrapServers;

  @Option(
      names = "--email",
      defaultValue = "admin@roberto.local",
      description = "Account to sign in with; its password is read from $" + PASSWORD_VARIABLE)
  String email;

  @Option(names = "--output", required = true, description = "File for the shell variables.")
  Path output;

  @Override
  public Integer call() throws IOException {
    String password = System.getenv(PASSWORD_VARIABLE);
    if (password == null || password.isEmpty()) {
      System.err.println("setup: the environment variable " + PASSWORD_VARIABLE + " is missing.");
      return 2;
    }
    Map<String, String> variables = new LinkedHashMap<>();

    progress("Signing in as " + email + " through the device login");
    String accessToken = DeviceLogin.tokensFor(authUrl, email, password).accessToken();
    String workspaceId = workspaceClaim(accessToken);
    variables.put("BENCH_WORKSPACE_ID", workspaceId);

    progress("Opening the billing account of workspace " + workspaceId);
    JsonNode status = getJson(billingUrl + "/api/billing/status", accessToken);
    progress("Credit balance: " + status.path("creditBalanceMicros").asText() + " micro-units");

    String agentId = AgentAnnouncement.announce(kafkaBootstrapServers, workspaceId);
    progress("Announced agent " + agentId + " on agent-changed");
    variables.put("BENCH_AGENT_ID", agentId);

    if (gatewayUrl != null) {
      String token = createGatewayToken(accessToken, agentId);
      awaitGatewayCall(token);
      variables.put("BENCH_GATEWAY_TOKEN", token);
    }
    if (webhookUrl != null) {
      String secret = createSigningSecret(accessToken, agentId);
      awaitDelivery(agentId, secret);
      variables.put("BENCH_SIGNING_SECRET", secret);
    }
    write(variables);
    progress("Wrote " + String.join(", ", variables.keySet()) + " to " + output);
    return 0;
  }

  private String createGatewayToken(String accessToken, String agentId) {
    progress("Creating a gateway token (waits until gateway-service knows the agent)");
    String path = gatewayUrl + "/api/agents/" + agentId + "/gateway-credentials";
    JsonNode created = postUntilKnown(path, accessToken);
    return created.path("token").asText();
  }

  /** Waits until the gateway serves a call, which needs the workspace's billing-synced snapshot. */
  private void awaitGatewayCall(String gatewayToken) {
    progress("Waiting until the gateway serves a chat completion for the agent");
    String body =
        "{\"model\":\"stand-in-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    Polling.until(
        "the first gateway call succeeds",
        PATIENCE,
        () -> {
          Response response =
              given()
                  .auth()
                  .oauth2(gatewayToken)
                  .contentType(ContentType.JSON)
                  .body(body)
                  .post(gatewayUrl + "/api/gateway/v1/chat/completions");
          return accept(response, 200, 402);
        });
  }

  private String createSigningSecret(String accessToken, String agentId) {
    progress("Creating a webhook signing secret (waits until webhook-service knows the agent)");
    String path = webhookUrl + "/api/webhooks/agents/" + agentId + "/signing-secrets";
    JsonNode created = postUntilKnown(path, accessToken);
    return created.path("secret").asText();
  }

  /** Sends one signed delivery and expects 202, so a wrong setup fails before the load starts. */
  private void awaitDelivery(String agentId, String secret) {
    progress("Sending one signed usage delivery");
    byte[] body = UsageDeliveries.body(Instant.now());
    long timestamp = Instant.now().getEpochSecond();
    Response response =
        given()
            .contentType(ContentType.JSON)
            .header(UsageDeliveries.SIGNATURE_HEADER, UsageDeliveries.sign(secret, timestamp, body))
            .header(UsageDeliveries.IDEMPOTENCY_HEADER, "setup-" + agentId)
            .body(body)
            .post(webhookUrl + "/api/webhooks/usage?agentId=" + agentId);
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "The setup delivery failed with HTTP "
              + response.statusCode()
              + ": "
              + response.asString());
    }
  }

  /**
   * Posts until the service no longer returns 404 {@code unknown_agent}, because it has read the
   * agent's event, and returns the 201 response's body.
   */
  private static JsonNode postUntilKnown(String url, String accessToken) {
    Response created =
        Polling.until(
            "POST " + url + " finds the agent",
            PATIENCE,
            () ->
                accept(
                    given().auth().oauth2(accessToken).contentType(ContentType.JSON).post(url),
                    201,
                    404));
    return readJson(created);
  }

  /**
   * Returns the response when it has the expected status, empty when it has the status that means
   * "not yet", and fails on any other status.
   */
  private static Optional<Response> accept(Response response, int expected, int notYet) {
    if (response.statusCode() == expected) {
      return Optional.of(response);
    }
    if (response.statusCode() == notYet) {
      return Optional.empty();
    }
    throw new IllegalStateException(
        "Expected HTTP "
            + expected
            + " but got "
            + response.statusCode()
            + ": "
            + response.asString());
  }

  private static JsonNode getJson(String url, String accessToken) {
    Response response = given().auth().oauth2(accessToken).get(url);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + " failed with HTTP " + response.statusCode() + ": " + response.asString());
    }
    return readJson(response);
  }

  private static JsonNode readJson(Response response) {
    try {
      return MAPPER.readTree(response.asByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("The response is not JSON: " + e.getMessage(), e);
    }
  }

  /** Returns the {@code workspace} claim of an access token, without checking its signature. */
  private static String workspaceClaim(String accessToken) throws IOException {
    String[] parts = accessToken.split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
    String workspace = MAPPER.readTree(payload).path("workspace").asText("");
    if (workspace.isEmpty()) {
      throw new IllegalStateException("The access token has no workspace claim.");
    }
    return workspace;
  }

  /** Writes {@code NAME='value'} lines; values are ids and tokens, which need no escaping. */
  private void write(Map<String, String> variables) throws IOException {
    StringBuilder text = new StringBuilder();
    variables.forEach(
        (name, value) -> {
          if (!SHELL_SAFE.matcher(value).matches()) {
            throw new IllegalStateException(name + " contains characters a shell would expand.");
          }
          text.append(name).append("='").append(value).append("'\n");
        });
    Files.deleteIfExists(output);
    Files.createFile(
        output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(output, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void progress(String message) {
    System.err.println("setup: " + message + ".");
  }
}
