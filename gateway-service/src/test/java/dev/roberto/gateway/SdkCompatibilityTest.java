package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestAgents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI and Anthropic Java SDKs, unchanged, pointed at the gateway. */
@QuarkusTest
@TestSecurity(user = "member-1", roles = "member")
@OidcSecurity(claims = @Claim(key = "workspace", value = GatewayFixture.WORKSPACE))
class SdkCompatibilityTest {

  GatewayFixture fixture;

  @BeforeEach
  void setUp() {
    GatewayInfrastructure.openAi().resetAll();
    GatewayInfrastructure.anthropic().resetAll();
    GatewayFixture.allowGateway();
    fixture = GatewayFixture.create();
  }

  OpenAIClient openAi() {
    return OpenAIOkHttpClient.builder()
        .apiKey(fixture.token())
        .baseUrl(GatewayFixture.baseUrl() + "/v1")
        .maxRetries(0)
        .build();
  }

  AnthropicClient anthropic() {
    return AnthropicOkHttpClient.builder()
        .apiKey(fixture.token())
        .baseUrl(GatewayFixture.baseUrl())
        .maxRetries(0)
        .build();
  }

  static ChatCompletionCreateParams.Builder chat() {
    return ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage("Hi");
  }

  static MessageCreateParams message() {
    return MessageCreateParams.builder()
        .model("claude-test")
        .maxTokens(100)
        .addUserMessage("Hi")
        .build();
  }

  /** The text of a streamed completion, and whether any chunk carried a usage. */
  record StreamedText(String text, boolean sawUsage) {}

  StreamedText streamText(ChatCompletionCreateParams params) {
    StringBuilder text = new StringBuilder();
    boolean sawUsage = false;
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi().chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        sawUsage |= chunk.usage().isPresent();
        chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
      }
    }
    return new StreamedText(text.toString(), sawUsage);
  }

  @Test
  void openAiSdkGetsACompletion() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(okJson(ProviderStubs.chatCompletion("gpt-test"))));

    ChatCompletion completion = openAi().chat().completions().create(chat().build());

    assertEquals("Hello there.", completion.choices().get(0).message().content().orElseThrow());
    assertEquals(17, completion.usage().orElseThrow().totalTokens());
  }

  @Test
  void openAiSdkStreamsWithoutTheUsageItDidNotAskFor() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .withRequestBody(
                    matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Hi")))
                .willReturn(sse(ProviderStubs.chatStream("gpt-test", true, true))));

    StreamedText streamed = streamText(chat().build());

    assertEquals("Hello there.", streamed.text());
    assertFalse(streamed.sawUsage(), "the client got a usage chunk it did not ask for");
    Map<String, Object> usage = latestUsage();
    assertEquals(12L, usage.get("input_tokens"));
    assertEquals(3L, usage.get("output_tokens"));
    assertEquals(false, usage.get("estimated"));
  }

  @Test
  void openAiSdkStreamsWithUsageTurnedOff() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .withRequestBody(
                    matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
                .willReturn(sse(ProviderStubs.chatStream("gpt-test", true, true))));

    ChatCompletionCreateParams params =
        chat()
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(false).build())
            .build();
    StreamedText streamed = streamText(params);

    assertEquals("Hello there.", streamed.text());
    assertFalse(streamed.sawUsage(), "the client got a usage chunk it turned off");
    assertEquals(3L, latestUsage().get("output_tokens"));
  }

  @Test
  void openAiSdkStreamsTheUsageItAskedFor() {
    GatewayInfrastructure.openAi()
        .stubFor(
            post("/v1/chat/completions")
                .willReturn(sse(ProviderStubs.chatStream("gpt-test", true, true))));

    long reportedTokens = 0;
    ChatCompletionCreateParams params =
        chat()
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi().chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        if (chunk.usage().isPresent()) {
          reportedTokens = chunk.usage().get().totalTokens();
        }
      }
    }

    assertEquals(15, reportedTokens);
    assertEquals(3L, latestUsage().get("output_tokens"));
  }

  @Test
  void anthropicSdkGetsAMessage() {
    GatewayInfrastructure.anthropic()
        .stubFor(
            post("/v1/messages").willReturn(okJson(ProviderStubs.anthropicMessage("claude-test"))));

    Message message = anthropic().messages().create(message());

    assertEquals("Hello there.", message.content().get(0).text().orElseThrow().text());
    assertEquals(6, message.usage().outputTokens());
  }

  @Test
  void anthropicSdkStreamsAMessageAndItsUsageIsRecorded() {
    GatewayInfrastructure.anthropic()
        .stubFor(
            post("/v1/messages").willReturn(sse(ProviderStubs.anthropicStream("claude-test"))));

    StringBuilder text = new StringBuilder();
    try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
        anthropic().messages().createStreaming(message())) {
      stream.stream()
          .forEach(
              event ->
                  event
                      .contentBlockDelta()
                      .flatMap(delta -> delta.delta().text())
                      .ifPresent(delta -> text.append(delta.text())));
    }

    assertEquals("Hello there.", text.toString());
    Map<String, Object> usage = latestUsage();
    assertEquals(20L, usage.get("input_tokens"));
    assertEquals(6L, usage.get("output_tokens"));
    assertTrue((Long) usage.get("cost_micros") > 0);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withBody(body)
        .withChunkedDribbleDelay(4, 200);
  }

  Map<String, Object> latestUsage() {
    org.awaitility.Awaitility.await()
        .atMost(TestAgents.PATIENCE)
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM gateway_usage WHERE agent_id = ?", fixture.agentId())
                    == 1);
    List<Map<String, Object>> rows =
        TestDatabase.rows("SELECT * FROM gateway_usage WHERE agent_id = ?", fixture.agentId());
    return rows.get(0);
  }
}
