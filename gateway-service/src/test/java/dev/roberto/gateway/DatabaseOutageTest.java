package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.gateway.usage.UsageRecorder;
import dev.roberto.testsupport.LogCapture;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateway calls and their usage while the service's connections to PostgreSQL are cut. */
@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class DatabaseOutageTest {

  static final String CHAT = "/api/gateway/v1/chat/completions";

  @Inject UsageRecorder recorder;

  GatewayFixture fixture;

  private final LogCapture logs = new LogCapture();

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
    logs.start();
  }

  @AfterEach
  void restoreDatabase() {
    logs.stop();
    DatabaseLink.shared().restore();
  }

  @Test
  void usageOfAnsweredCallIsRecordedOnceDatabaseReturns() throws Exception {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test")).withFixedDelay(1500)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(GatewayFixture.baseUrl() + "/v1/chat/completions"))
            .header("Authorization", "Bearer " + fixture.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(GatewayProxyTest.chatBody("gpt-test")))
            .build();
    CompletableFuture<HttpResponse<String>> call =
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    await()
        .atMost(TestAgents.PATIENCE)
        .until(
            () ->
                !GatewayInfrastructure.openAi()
                    .findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                    .isEmpty());

    // The provider answers while PostgreSQL is away: the client gets its answer all the same.
    DatabaseLink.shared().cut();
    HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.body());
    String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
    awaitWarning("Recording the usage of gateway call " + requestId + " failed on attempt 2");
    assertEquals(0L, usageRows(requestId));
    DatabaseLink.shared().restore();

    assertEquals(60L, GatewayFixture.awaitUsage(requestId).get("cost_micros"));
    assertEquals(1, GatewayFixture.usageEvents(requestId).size());
  }

  @Test
  void recordingSameCallTwiceCountsOnce() throws Throwable {
    UsageRecorder.Call call = fixture.completedCall(UUID.randomUUID().toString());

    Long first = VertxContextSupport.subscribeAndAwait(() -> recorder.record(call));
    Long again = VertxContextSupport.subscribeAndAwait(() -> recorder.record(call));

    assertEquals(first, again);
    assertEquals(1L, usageRows(call.requestId()));
    assertEquals(1, GatewayFixture.usageEvents(call.requestId()).size());
  }

  @Test
  void callDuringOutageIsRetryableProblem() {
    DatabaseLink.shared().cut();

    given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType("application/json")
        .body(GatewayProxyTest.chatBody("gpt-test"))
        .post(CHAT)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5")
        .body("code", equalTo("database_unavailable"));
    assertEquals(
        0,
        GatewayInfrastructure.openAi()
            .findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
            .size());
  }

  private void awaitWarning(String start) {
    await()
        .atMost(TestAgents.PATIENCE)
        .until(
            () ->
                logs.records().stream()
                    .anyMatch(
                        record ->
                            record.getLevel().intValue() == Level.WARNING.intValue()
                                && formatted(record).startsWith(start)));
  }

  private static long usageRows(String requestId) {
    return TestDatabase.count("SELECT count(*) FROM gateway_usage WHERE event_id = ?", requestId);
  }

  private static String formatted(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters == null) {
      return record.getMessage();
    }
    try {
      return String.format(record.getMessage(), parameters);
    } catch (RuntimeException e) {
      return record.getMessage() + " " + Arrays.toString(parameters);
    }
  }
}
