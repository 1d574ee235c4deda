package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client sees when providers fail, and that the usage is still recorded. */
@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class ProviderFaultsTest {

  static final String CHAT = "/api/gateway/v1/chat/completions";

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayInfrastructure.openAiBackup().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
  }

  static String chatBody(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  io.restassured.response.Response call(String model, boolean stream) {
    return given()
        .header("Authorization", "Bearer " + fixture.token())
        .contentType(ContentType.JSON)
        .body(chatBody(model, stream))
        .post(CHAT);
  }

  @Test
  void unreachableProviderAnswers503WithRetryAfter() {
    call(GatewayInfrastructure.DEAD_MODEL, false)
        .then()
        .statusCode(503)
        .header("Retry-After", "10")
        .body("code", Matchers.equalTo("provider_unavailable"))
        .body("hint", containsString("Retry"));
  }

  @Test
  void providerRateLimitComesBackWithItsRetryAfter() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

    call("gpt-test", false)
        .then()
        .statusCode(429)
        .header("Retry-After", "7")
        .body("code", Matchers.equalTo("provider_rate_limited"));
  }

  @Test
  void serverErrorIsRetriedBeforeTheFirstByte() {
    WireMockServer provider = GatewayInfrastructure.openAi();
    provider.stubFor(
        post("/v1/chat/completions")
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(serverError())
            .willSetStateTo("recovered"));
    provider.stubFor(
        post("/v1/chat/completions")
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));

    call("gpt-test", false).then().statusCode(200);

    provider.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void failingProviderFallsBackToTheNext() {
    GatewayInfrastructure.openAi().stubFor(post("/v1/chat/completions").willReturn(serverError()));
    GatewayInfrastructure.openAiBackup()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("fallback-test"))));

    String requestId =
        call(GatewayInfrastructure.FALLBACK_MODEL, false)
            .then()
            .statusCode(200)
            .extract()
            .header("X-Request-Id");

    assertEquals("backup", GatewayFixture.awaitUsage(requestId).get("provider"));
  }

  @Test
  void openBreakerStopsCallingTheProvider() {
    WireMockServer provider = GatewayInfrastructure.openAiBackup();
    provider.stubFor(
        post("/v1/chat/completions")
            .withRequestBody(matchingJsonPath("$.model", equalTo("fragile-test")))
            .willReturn(serverError()));
    for (int i = 0; i < 4; i++) {
      call(GatewayInfrastructure.FRAGILE_MODEL, false).then().statusCode(503);
    }
    int reached = provider.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();

    call(GatewayInfrastructure.FRAGILE_MODEL, false)
        .then()
        .statusCode(503)
        .body("code", Matchers.equalTo("provider_unavailable"));

    assertEquals(
        reached, provider.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size());
  }

  @Test
  void providerDroppingMidStreamEndsWithAnErrorEventAndUsage() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(
                    SdkCompatibilityTest.sse(ProviderStubs.chatStream("gpt-test", false, false))));

    io.restassured.response.Response response = call("gpt-test", true);

    response.then().statusCode(200);
    String body = response.asString();
    assertTrue(body.contains("there."), body);
    assertTrue(body.contains("\"code\":\"provider_unavailable\""), body);
    Map<String, Object> usage = GatewayFixture.awaitUsage(response.header("X-Request-Id"));
    assertEquals("provider_dropped", usage.get("outcome"));
    assertEquals(true, usage.get("estimated"));
    assertTrue((Long) usage.get("output_tokens") > 0);
  }

  @Test
  void clientDisconnectingMidStreamStillRecordsUsage() throws Exception {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(ProviderStubs.chatStream("gpt-test", true, true))
                        .withChunkedDribbleDelay(20, 2000)));

    String requestId;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
      socket.setSoTimeout(20_000);
      byte[] body = chatBody("gpt-test", true).getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + CHAT
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + fixture.token()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      requestId = readUntilFirstData(socket.getInputStream());
    }

    Map<String, Object> usage = GatewayFixture.awaitUsage(requestId);
    assertEquals("client_disconnected", usage.get("outcome"));
    assertEquals(1, GatewayFixture.usageEvents(requestId).size());
  }

  /** Reads the response head and the first data bytes, and returns the X-Request-Id. */
  private static String readUntilFirstData(InputStream in) throws Exception {
    StringBuilder seen = new StringBuilder();
    byte[] buffer = new byte[256];
    while (!seen.toString().contains("data:")) {
      int read = in.read(buffer);
      if (read < 0) {
        break;
      }
      seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
    }
    for (String line : seen.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("x-request-id:")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    throw new AssertionError("No X-Request-Id in " + seen);
  }
}
