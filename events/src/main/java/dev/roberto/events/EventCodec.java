package dev.roberto.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON form of Roberto's events: ISO-8601 times, unknown fields ignored so that a newer minor
 * version still reads, an unknown major version rejected.
 */
public final class EventCodec {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EventCodec() {}

  public static byte[] toJson(RobertoEvent event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Event " + event.eventId() + " cannot be written as JSON", e);
    }
  }

  public static String toJsonString(RobertoEvent event) {
    return new String(toJson(event), StandardCharsets.UTF_8);
  }

  /**
   * Reads an event of the given type.
   *
   * @throws UnreadableEventException when the bytes are not JSON of that type or carry a schema
   *     version whose major this build does not read
   */
  public static <T extends RobertoEvent> T fromJson(byte[] json, Class<T> type) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UnreadableEventException("The event is not valid JSON", e);
    }
    if (tree == null || !tree.isObject()) {
      throw new UnreadableEventException("The event is not a JSON object", null);
    }
    String version = tree.path("schemaVersion").asText(null);
    if (!SchemaVersion.isSupported(version)) {
      throw new UnreadableEventException(
          "Schema version "
              + version
              + " is not readable; this build reads major "
              + SchemaVersion.SUPPORTED_MAJOR,
          null);
    }
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new UnreadableEventException("The event is not a valid " + type.getSimpleName(), e);
    }
  }

  public static <T extends RobertoEvent> T fromJson(String json, Class<T> type) {
    return fromJson(json.getBytes(StandardCharsets.UTF_8), type);
  }
}
