package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.postgres.DatabaseLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on calls whose usage waits in memory: two calls here. A lock on {@code gateway_usage}
 * keeps the writer waiting, as a database that cannot keep up would.
 */
@QuarkusTest
@TestProfile(UsageBacklogTest.TwoQueued.class)
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class UsageBacklogTest {

  static final String CALLS_PATH = "/v1/chat/completions";

  public static class TwoQueued implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("roberto.gateway.usage.max-queued", "2");
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayInfrastructure.openAi()
        .stubFor(post(CALLS_PATH).willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
    GatewayFixture.awaitUsage(requestId(call().join()));
  }

  @AfterEach
  void restoreDatabase() {
    DatabaseLink.shared().restore();
  }

  @Test
  void fullBacklogHoldsNextCall() throws Exception {
    String third;
    try (TestDatabase.TableLock lock = TestDatabase.lock("gateway_usage")) {
      fillBacklog();

      CompletableFuture<HttpResponse<String>> waiting = call();
      Thread.sleep(1000);
      assertFalse(waiting.isDone(), "the third call went on while two calls' usage waited");
      assertEquals(3, providerCalls());

      lock.close();
      HttpResponse<String> response = waiting.get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.body());
      third = requestId(response);
    }
    GatewayFixture.awaitUsage(third);
    assertEquals(4, providerCalls());
    awaitQueued(0);
  }

  @Test
  void heldCallFailsOnDatabaseOutage() throws Exception {
    CompletableFuture<HttpResponse<String>> waiting;
    try (TestDatabase.TableLock lock = TestDatabase.lock("gateway_usage")) {
      fillBacklog();
      waiting = call();
      Thread.sleep(500);
      assertFalse(waiting.isDone(), "the third call went on while two calls' usage waited");

      DatabaseLink.shared().cut();
      HttpResponse<String> response = waiting.get(30, TimeUnit.SECONDS);
      assertEquals(503, response.statusCode(), response.body());
      assertTrue(response.body().contains("\"code\":\"database_unavailable\""), response.body());
      assertEquals("5", response.headers().firstValue("Retry-After").orElse(null));
      assertEquals(3, providerCalls());
    }
    DatabaseLink.shared().restore();

    awaitQueued(0);
    GatewayFixture.awaitUsage(requestId(call().get(30, TimeUnit.SECONDS)));
    assertEquals(
        4,
        TestDatabase.count(
            "SELECT count(*) FROM gateway_usage WHERE agent_id = ?", fixture.agentId()));
  }

  /** Makes two calls that return 200 while the lock keeps their usage from being stored. */
  private void fillBacklog() throws Exception {
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response = call().get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.body());
    }
    awaitQueued(2);
  }

  private CompletableFuture<HttpResponse<String>> call() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(GatewayFixture.baseUrl() + CALLS_PATH))
            .header("Authorization", "Bearer " + fixture.token())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(GatewayProxyTest.chatBody("gpt-test")))
            .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String requestId(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return response.headers().firstValue("X-Request-Id").orElseThrow();
  }

  private static int providerCalls() {
    return GatewayInfrastructure.openAi().findAll(postRequestedFor(urlEqualTo(CALLS_PATH))).size();
  }

  private static void awaitQueued(int calls) {
    GatewayFixture.awaitMetric("roberto_gateway_usage_queued " + calls + ".0");
  }
}
