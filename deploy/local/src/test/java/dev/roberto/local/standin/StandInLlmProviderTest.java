package dev.roberto.local.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StandInLlmProviderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static StandInLlmProvider provider;

  @BeforeAll
  static void startProvider() {
    provider = StandInLlmProvider.start(0, 4);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void chatCompletionEchoesModelWithUsage() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals("chat.completion", body.path("object").asText());
    assertEquals("gpt-test", body.path("model").asText());
    assertEquals("assistant", body.at("/choices/0/message/role").asText());
    assertEquals(StandInResponses.REPLY, body.at("/choices/0/message/content").asText());
    assertEquals("stop", body.at("/choices/0/finish_reason").asText());
    assertEquals(StandInResponses.PROMPT_TOKENS, body.at("/usage/prompt_tokens").asInt());
    assertEquals(StandInResponses.COMPLETION_TOKENS, body.at("/usage/completion_tokens").asInt());
    assertEquals(
        StandInResponses.PROMPT_TOKENS + StandInResponses.COMPLETION_TOKENS,
        body.at("/usage/total_tokens").asInt());
  }

  @Test
  void chatStreamEndsWithDoneAndUsage() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gpt-test\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> data = dataLines(response.body());
    assertEquals("[DONE]", data.get(data.size() - 1));

    List<JsonNode> chunks = new ArrayList<>();
    for (String line : data.subList(0, data.size() - 1)) {
      chunks.add(MAPPER.readTree(line));
    }
    StringBuilder content = new StringBuilder();
    for (JsonNode chunk : chunks) {
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals("gpt-test", chunk.path("model").asText());
      content.append(chunk.at("/choices/0/delta/content").asText(""));
    }
    assertEquals(StandInResponses.REPLY, content.toString());

    JsonNode finish = chunks.get(chunks.size() - 2);
    assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertEquals(0, usageChunk.path("choices").size());
    assertEquals(
        StandInResponses.COMPLETION_TOKENS, usageChunk.at("/usage/completion_tokens").asInt());
    assertEquals(StandInResponses.PROMPT_TOKENS, usageChunk.at("/usage/prompt_tokens").asInt());
  }

  @Test
  void chatStreamWithoutUsageOption() throws Exception {
    HttpResponse<String> response =
        post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true,\"messages\":[]}");

    List<String> data = dataLines(response.body());
    assertEquals("[DONE]", data.get(data.size() - 1));
    for (String line : data.subList(0, data.size() - 1)) {
      JsonNode chunk = MAPPER.readTree(line);
      assertTrue(chunk.path("usage").isMissingNode(), "unexpected usage in " + line);
    }
  }

  @Test
  void anthropicStreamSendsEventsInOrder() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/messages",
            "{\"model\":\"claude-test\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertEquals(200, response.statusCode());
    List<String> names = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("event: ")) {
        names.add(line.substring("event: ".length()));
      }
    }
    List<String> expected = new ArrayList<>();
    expected.add("message_start");
    expected.add("content_block_start");
    for (int i = 0; i < StandInResponses.COMPLETION_TOKENS; i++) {
      expected.add("content_block_delta");
    }
    expected.add("content_block_stop");
    expected.add("message_delta");
    expected.add("message_stop");
    assertEquals(expected, names);

    List<String> data = dataLines(response.body());
    JsonNode start = MAPPER.readTree(data.get(0));
    assertEquals("claude-test", start.at("/message/model").asText());
    JsonNode messageDelta = MAPPER.readTree(data.get(data.size() - 2));
    assertEquals("end_turn", messageDelta.at("/delta/stop_reason").asText());
    assertEquals(
        StandInResponses.COMPLETION_TOKENS, messageDelta.at("/usage/output_tokens").asInt());
  }

  @Test
  void anthropicMessageWithoutStream() throws Exception {
    HttpResponse<String> response =
        post("/v1/messages", "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":[]}");

    assertEquals(200, response.statusCode());
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals("message", body.path("type").asText());
    assertEquals("claude-test", body.path("model").asText());
    assertEquals(StandInResponses.REPLY, body.at("/content/0/text").asText());
    assertEquals(StandInResponses.PROMPT_TOKENS, body.at("/usage/input_tokens").asInt());
    assertEquals(StandInResponses.COMPLETION_TOKENS, body.at("/usage/output_tokens").asInt());
  }

  @Test
  void malformedJsonGets400() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\": \"m\", ");

    assertEquals(400, response.statusCode());
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals("invalid_request_error", body.at("/error/type").asText());
    assertTrue(body.at("/error/message").asText().startsWith("The request body is not valid JSON"));
  }

  @Test
  void malformedJsonOnMessagesGetsAnthropicError() throws Exception {
    HttpResponse<String> response = post("/v1/messages", "not json");

    assertEquals(400, response.statusCode());
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals("error", body.path("type").asText());
    assertEquals("invalid_request_error", body.at("/error/type").asText());
  }

  @Test
  void missingModelGets400() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"messages\":[]}");

    assertEquals(400, response.statusCode());
    assertTrue(MAPPER.readTree(response.body()).at("/error/message").asText().contains("model"));
  }

  @Test
  void embeddingsReturnOneVectorPerInput() throws Exception {
    HttpResponse<String> response =
        post("/v1/embeddings", "{\"model\":\"embed-test\",\"input\":[\"a\",\"b\",\"c\"]}");

    assertEquals(200, response.statusCode());
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals(3, body.path("data").size());
    assertEquals(2, body.at("/data/2/index").asInt());
    assertEquals(
        StandInResponses.DEFAULT_EMBEDDING_DIMENSIONS, body.at("/data/0/embedding").size());
    assertEquals("embed-test", body.path("model").asText());
    assertEquals(3 * StandInResponses.PROMPT_TOKENS, body.at("/usage/prompt_tokens").asInt());
  }

  @Test
  void embeddingsAsBase64Floats() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/embeddings",
            "{\"model\":\"e\",\"input\":\"a\",\"dimensions\":4,\"encoding_format\":\"base64\"}");

    JsonNode body = MAPPER.readTree(response.body());
    byte[] floats = Base64.getDecoder().decode(body.at("/data/0/embedding").asText());
    assertEquals(4 * Float.BYTES, floats.length);
  }

  @Test
  void modelsListsStandInModels() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/v1/models")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals("list", body.path("object").asText());
    assertEquals(StandInResponses.MODEL_IDS.size(), body.path("data").size());
  }

  @Test
  void unknownPathGets404() throws Exception {
    HttpResponse<String> response = post("/v1/completions", "{}");

    assertEquals(404, response.statusCode());
  }

  @Test
  void wrongMethodGets405() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
  }

  private static HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer any-key")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create(provider.baseUrl() + path);
  }

  private static List<String> dataLines(String body) {
    List<String> data = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring("data: ".length()));
      }
    }
    return data;
  }
}
