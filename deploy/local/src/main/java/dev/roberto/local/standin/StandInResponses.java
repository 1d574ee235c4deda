package dev.roberto.local.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * JSON bodies of the stand-in provider: the fixed reply in the shapes of the OpenAI Chat
 * Completions, Embeddings and Models APIs and the Anthropic Messages API.
 */
final class StandInResponses {

  /** The text of every reply. */
  static final String REPLY =
      "This is a fixed reply from the Roberto stand-in LLM provider, not a real model.";

  /** Prompt tokens reported per request, or per input of an embeddings request. */
  static final int PROMPT_TOKENS = 12;

  /** The reply split into the pieces that a stream sends, one completion token each. */
  static final List<String> REPLY_PIECES = splitIntoPieces(REPLY);

  /** Completion tokens reported for the reply. */
  static final int COMPLETION_TOKENS = REPLY_PIECES.size();

  static final int DEFAULT_EMBEDDING_DIMENSIONS = 8;
  static final int MAX_EMBEDDING_DIMENSIONS = 4096;

  static final List<String> MODEL_IDS = List.of("stand-in-chat", "stand-in-embedding");

  private final ObjectMapper mapper;

  StandInResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode chatCompletion(String id, long created, String model) {
    ObjectNode completion = chatEnvelope(id, created, model, "chat.completion");
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", REPLY);
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    completion.set("usage", openAiUsage());
    return completion;
  }

  /**
   * Builds the chunks of a streamed chat completion: the role, one chunk per reply piece, the
   * finish reason, and a usage chunk with no choices when {@code includeUsage} is set. The caller
   * sends {@code data: [DONE]} after them.
   */
  List<ObjectNode> chatCompletionChunks(
      String id, long created, String model, boolean includeUsage) {
    List<ObjectNode> chunks = new ArrayList<>();

    ObjectNode roleDelta = mapper.createObjectNode();
    roleDelta.put("role", "assistant");
    roleDelta.put("content", "");
    chunks.add(chatChunk(id, created, model, roleDelta, null, includeUsage));

    for (String piece : REPLY_PIECES) {
      ObjectNode contentDelta = mapper.createObjectNode();
      contentDelta.put("content", piece);
      chunks.add(chatChunk(id, created, model, contentDelta, null, includeUsage));
    }

    chunks.add(chatChunk(id, created, model, mapper.createObjectNode(), "stop", includeUsage));

    if (includeUsage) {
      ObjectNode usageChunk = chatEnvelope(id, created, model, "chat.completion.chunk");
      usageChunk.putArray("choices");
      usageChunk.set("usage", openAiUsage());
      chunks.add(usageChunk);
    }
    return chunks;
  }

  /**
   * Builds an embeddings list with one fixed unit vector per input, as JSON floats or, for {@code
   * encoding_format: "base64"}, as base64 of little-endian float32 values like the OpenAI API.
   */
  ObjectNode embeddings(String model, int inputCount, int dimensions, boolean base64) {
    ObjectNode list = mapper.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    float value = (float) (1.0 / Math.sqrt(dimensions));
    for (int index = 0; index < inputCount; index++) {
      ObjectNode embedding = data.addObject();
      embedding.put("object", "embedding");
      embedding.put("index", index);
      if (base64) {
        embedding.put("embedding", encodeFloats(value, dimensions));
      } else {
        ArrayNode vector = embedding.putArray("embedding");
        for (int i = 0; i < dimensions; i++) {
          vector.add(value);
        }
      }
    }
    list.put("model", model);
    ObjectNode usage = list.putObject("usage");
    usage.put("prompt_tokens", PROMPT_TOKENS * inputCount);
    usage.put("total_tokens", PROMPT_TOKENS * inputCount);
    return list;
  }

  ObjectNode models() {
    ObjectNode list = mapper.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String id : MODEL_IDS) {
      ObjectNode model = data.addObject();
      model.put("id", id);
      model.put("object", "model");
      model.put("created", 0);
      model.put("owned_by", "roberto-stand-in");
    }
    return list;
  }

  ObjectNode anthropicMessage(String id, String model) {
    ObjectNode message = anthropicMessageEnvelope(id, model);
    ObjectNode text = message.putArray("content").addObject();
    text.put("type", "text");
    text.put("text", REPLY);
    message.put("stop_reason", "end_turn");
    message.putNull("stop_sequence");
    ObjectNode usage = message.putObject("usage");
    usage.put("input_tokens", PROMPT_TOKENS);
    usage.put("output_tokens", COMPLETION_TOKENS);
    return message;
  }

  /**
   * Builds the events of a streamed Anthropic message in the order the Messages API sends them:
   * message_start, content_block_start, one content_block_delta per reply piece,
   * content_block_stop, message_delta with the usage, message_stop.
   */
  List<ServerSentEvent> anthropicMessageEvents(String id, String model) {
    List<ServerSentEvent> events = new ArrayList<>();

    ObjectNode start = mapper.createObjectNode();
    start.put("type", "message_start");
    ObjectNode message = anthropicMessageEnvelope(id, model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    ObjectNode startUsage = message.putObject("usage");
    startUsage.put("input_tokens", PROMPT_TOKENS);
    startUsage.put("output_tokens", 1);
    start.set("message", message);
    events.add(new ServerSentEvent("message_start", start));

    ObjectNode blockStart = mapper.createObjectNode();
    blockStart.put("type", "content_block_start");
    blockStart.put("index", 0);
    ObjectNode block = blockStart.putObject("content_block");
    block.put("type", "text");
    block.put("text", "");
    events.add(new ServerSentEvent("content_block_start", blockStart));

    for (String piece : REPLY_PIECES) {
      ObjectNode blockDelta = mapper.createObjectNode();
      blockDelta.put("type", "content_block_delta");
      blockDelta.put("index", 0);
      ObjectNode delta = blockDelta.putObject("delta");
      delta.put("type", "text_delta");
      delta.put("text", piece);
      events.add(new ServerSentEvent("content_block_delta", blockDelta));
    }

    ObjectNode blockStop = mapper.createObjectNode();
    blockStop.put("type", "content_block_stop");
    blockStop.put("index", 0);
    events.add(new ServerSentEvent("content_block_stop", blockStop));

    ObjectNode messageDelta = mapper.createObjectNode();
    messageDelta.put("type", "message_delta");
    ObjectNode stop = messageDelta.putObject("delta");
    stop.put("stop_reason", "end_turn");
    stop.putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", COMPLETION_TOKENS);
    events.add(new ServerSentEvent("message_delta", messageDelta));

    ObjectNode messageStop = mapper.createObjectNode();
    messageStop.put("type", "message_stop");
    events.add(new ServerSentEvent("message_stop", messageStop));
    return events;
  }

  /** Builds an error body in the OpenAI shape: {@code {"error": {"message", "type", ...}}}. */
  ObjectNode openAiError(String message, String type) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.putNull("code");
    return body;
  }

  /** Builds an error body in the Anthropic shape: {@code {"type": "error", "error": {...}}}. */
  ObjectNode anthropicError(String message, String type) {
    ObjectNode body = mapper.createObjectNode();
    body.put("type", "error");
    ObjectNode error = body.putObject("error");
    error.put("type", type);
    error.put("message", message);
    return body;
  }

  /** One server-sent event with an {@code event:} name and a JSON {@code data:} line. */
  record ServerSentEvent(String name, JsonNode data) {}

  private ObjectNode chatEnvelope(String id, long created, String model, String object) {
    ObjectNode envelope = mapper.createObjectNode();
    envelope.put("id", id);
    envelope.put("object", object);
    envelope.put("created", created);
    envelope.put("model", model);
    return envelope;
  }

  private ObjectNode chatChunk(
      String id,
      long created,
      String model,
      ObjectNode delta,
      String finishReason,
      boolean includeUsage) {
    ObjectNode chunk = chatEnvelope(id, created, model, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    // With stream_options.include_usage the OpenAI API sends "usage": null on every chunk but the
    // last one.
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private ObjectNode openAiUsage() {
    ObjectNode usage = mapper.createObjectNode();
    usage.put("prompt_tokens", PROMPT_TOKENS);
    usage.put("completion_tokens", COMPLETION_TOKENS);
    usage.put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    return usage;
  }

  private ObjectNode anthropicMessageEnvelope(String id, String model) {
    ObjectNode message = mapper.createObjectNode();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    return message;
  }

  private static String encodeFloats(float value, int count) {
    ByteBuffer buffer = ByteBuffer.allocate(Float.BYTES * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      buffer.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  /** Splits text into words, each but the first keeping the space before it. */
  private static List<String> splitIntoPieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        pieces.add(text.substring(start, i));
        start = i;
      }
    }
    pieces.add(text.substring(start));
    return List.copyOf(pieces);
  }
}
