package dev.roberto.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;

/** Prints a command's result: plain lines, or one JSON object with {@code --json}. */
public final class Output {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;

  public Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  /** Prints {@code text} in text mode and {@code fields} as a JSON object in JSON mode. */
  public void result(String text, Map<String, ?> fields) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(fields));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("A result cannot be written as JSON", e);
      }
    } else {
      out.println(text);
    }
    out.flush();
  }

  /**
   * Prints {@code text} in text mode and {@code body} as JSON in JSON mode, such as the record or
   * list a server returned.
   */
  public void resultOf(String text, Object body) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(body));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("A result cannot be written as JSON", e);
      }
    } else {
      out.println(text);
    }
    out.flush();
  }
}
