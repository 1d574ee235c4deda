package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics of gateway calls, and logs that contain no token, key or prompt. */
@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class ObservabilityTest {

  static final String PROMPT = "secret-prompt-purple-elephant";

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
  }

  void chat(String model) {
    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body(
            "{\"model\":\""
                + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT
                + "\"}]}")
        .post("/api/gateway/v1/chat/completions");
  }

  @Test
  void metricsCountRequestsTokensAndBreakers() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));

    chat("gpt-test");

    given()
        .accept("text/plain")
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "roberto_gateway_requests_total{endpoint=\"chat/completions\",status=\"200\""))
        .body(containsString("roberto_gateway_tokens_total{kind=\"output\",model=\"gpt-test\""))
        .body(containsString("roberto_gateway_latency_seconds_count{model=\"gpt-test\""))
        .body(containsString("roberto_gateway_breaker_state{provider=\"primary\""));
  }

  @Test
  void tokenCacheMetricsShowHitsAndListening() {
    given().header("Authorization", "Bearer " + fixture.token()).get("/api/gateway/v1/models");
    given().header("Authorization", "Bearer " + fixture.token()).get("/api/gateway/v1/models");

    String metrics = given().accept("text/plain").get("/q/metrics").then().extract().asString();
    assertTrue(
        metrics.contains("cache_gets_total{cache=\"gateway-tokens\",result=\"miss\""), metrics);
    assertTrue(
        metrics.contains("cache_gets_total{cache=\"gateway-tokens\",result=\"hit\""), metrics);
    // A test before this one may have cut the database, and listening resumes a second later.
    GatewayFixture.awaitMetric("roberto_gateway_token_cache_listening 1.0");
  }

  @Test
  void logsContainNoTokenKeyOrPrompt() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new CapturingHandler(lines);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      GatewayInfrastructure.openAi()
          .stubFor(
              post("/v1/chat/completions")
                  .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));
      chat("gpt-test");
      chat(GatewayInfrastructure.DEAD_MODEL);
    } finally {
      root.removeHandler(capture);
    }

    assertTrue(lines.stream().anyMatch(line -> line.contains("Provider")), "no log was captured");
    for (String line : lines) {
      assertFalse(line.contains(fixture.token()), line);
      assertFalse(line.contains(fixture.token().substring(4)), line);
      assertFalse(line.contains("sk-upstream-primary"), line);
      assertFalse(line.contains(PROMPT), line);
    }
  }

  /** Keeps every log record as text, its stack trace included. */
  private static final class CapturingHandler extends Handler {

    private final List<String> lines;
    private final SimpleFormatter formatter = new SimpleFormatter();

    CapturingHandler(List<String> lines) {
      this.lines = lines;
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      StringWriter text = new StringWriter();
      text.append(formatter.formatMessage(record));
      if (record.getThrown() != null) {
        record.getThrown().printStackTrace(new PrintWriter(text));
      }
      lines.add(text.toString());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
