package dev.roberto.gateway.proxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen fields of a JSON object's top level and skips the rest without building it, so that
 * a large message list or completion costs a pass of the tokenizer and no tree. A repeated field
 * keeps its last value, as in a tree that Jackson reads.
 */
final class JsonFields {

  private JsonFields() {}

  /**
   * Returns the chosen fields that the object has, by name, or null when the JSON text is not an
   * object. Fails with the parser's exception when the text is not well-formed JSON.
   */
  static Map<String, JsonNode> read(ObjectMapper json, byte[] body, Set<String> names)
      throws IOException {
    try (JsonParser parser = json.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, JsonNode> fields = new HashMap<>(4);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (names.contains(name)) {
          fields.put(name, json.readTree(parser));
        } else {
          parser.skipChildren();
        }
      }
      return fields;
    }
  }
}
