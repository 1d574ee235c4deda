package dev.roberto.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * The official OpenAI and Anthropic Java SDKs, unchanged, pointed at the gateway with the gateway
 * token as their API key, as an agent would configure them. The local stack's stand-in provider
 * serves the calls behind the gateway.
 */
final class SdkClients {

  /** The chat model that the local stack routes to its stand-in provider. */
  static final String MODEL = "stand-in-chat";

  /** The stand-in provider's fixed reply to every request. */
  static final String STAND_IN_REPLY =
      "This is a fixed reply from the Roberto stand-in LLM provider, not a real model.";

  private final OpenAIClient openAi;
  private final AnthropicClient anthropic;

  /** A call the gateway refused: the HTTP status and the body the SDK reported. */
  record Refusal(int status, String body) {}

  SdkClients(String gatewayServiceUrl, String gatewayToken) {
    // No retries, so that each call below is one request to the gateway.
    openAi =
        OpenAIOkHttpClient.builder()
            .apiKey(gatewayToken)
            .baseUrl(gatewayServiceUrl + "/api/gateway/v1")
            .maxRetries(0)
            .build();
    anthropic =
        AnthropicOkHttpClient.builder()
            .apiKey(gatewayToken)
            .baseUrl(gatewayServiceUrl + "/api/gateway")
            .maxRetries(0)
            .build();
  }

  /** Returns the reply text of a chat completion. */
  String openAiCompletion() {
    ChatCompletion completion = openAi.chat().completions().create(chat());
    return completion.choices().get(0).message().content().orElseThrow();
  }

  /** Returns the reply text of a streamed chat completion, joined from its chunks. */
  String openAiStream() {
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi.chat().completions().createStreaming(chat())) {
      stream.stream()
          .forEach(
              chunk ->
                  chunk
                      .choices()
                      .forEach(choice -> choice.delta().content().ifPresent(text::append)));
    }
    return text.toString();
  }

  /** Returns the reply text of a message. */
  String anthropicMessage() {
    Message message = anthropic.messages().create(message());
    return message.content().get(0).text().orElseThrow().text();
  }

  /** Returns the reply text of a streamed message, joined from its text deltas. */
  String anthropicStream() {
    StringBuilder text = new StringBuilder();
    try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
        anthropic.messages().createStreaming(message())) {
      stream.stream()
          .forEach(
              event ->
                  event
                      .contentBlockDelta()
                      .flatMap(delta -> delta.delta().text())
                      .ifPresent(delta -> text.append(delta.text())));
    }
    return text.toString();
  }

  /** Returns how the gateway refused a chat completion, or null when it returned one. */
  Refusal openAiRefusal() {
    try {
      openAi.chat().completions().create(chat());
      return null;
    } catch (OpenAIServiceException e) {
      return new Refusal(e.statusCode(), String.valueOf(e.body()));
    }
  }

  /** Returns how the gateway refused a message, or null when it returned one. */
  Refusal anthropicRefusal() {
    try {
      anthropic.messages().create(message());
      return null;
    } catch (AnthropicServiceException e) {
      return new Refusal(e.statusCode(), String.valueOf(e.body()));
    }
  }

  private static ChatCompletionCreateParams chat() {
    return ChatCompletionCreateParams.builder()
        .model(MODEL)
        .addUserMessage("Say something short.")
        .build();
  }

  private static MessageCreateParams message() {
    return MessageCreateParams.builder()
        .model(MODEL)
        .maxTokens(100)
        .addUserMessage("Say something short.")
        .build();
  }
}
