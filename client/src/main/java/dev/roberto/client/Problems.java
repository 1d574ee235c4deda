package dev.roberto.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns an error answer, RFC 9457 problem+json with {@code code} and {@code hint}, into a type. */
public final class Problems {

  /** Members that the exception carries in its own fields, so not among its extensions. */
  private static final Set<String> OWN_MEMBERS =
      Set.of("type", "title", "status", "detail", "instance", "code", "hint");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  /** Returns the exception for an error response to a request for {@code uri}. */
  public static RobertoException toException(ApiHttp.Answer answer, URI uri) {
    JsonNode body = answer.body();
    int status = answer.status();
    String code = text(body, "code");
    String hint = text(body, "hint");
    String message = text(body, "detail");
    if (message == null) {
      message = text(body, "title");
    }
    if (code == null) {
      code = "http_" + status;
      message = "The server answered HTTP " + status + " to " + uri.getPath() + ".";
    }
    Map<String, Object> extensions = extensions(body);
    String requestId = answer.requestId();
    if (status == 401) {
      return new AuthenticationException(status, code, message, hint, requestId, extensions);
    }
    if (status == 402 || code.startsWith("billing_")) {
      return new BillingRefusedException(status, code, message, hint, requestId, extensions);
    }
    if (status == 502 || status == 503 || status == 504) {
      if (hint == null) {
        hint = "Try again in a moment; the service is unavailable.";
      }
      return new ServiceUnavailableException(status, code, message, hint, requestId, extensions);
    }
    return new RobertoException(status, code, message, hint, requestId, extensions);
  }

  static String text(JsonNode body, String field) {
    if (body == null || !body.hasNonNull(field)) {
      return null;
    }
    return body.get(field).asText();
  }

  private static Map<String, Object> extensions(JsonNode body) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    if (body == null || !body.isObject()) {
      return extensions;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!OWN_MEMBERS.contains(field.getKey()) && !field.getValue().isNull()) {
        extensions.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
      }
    }
    return extensions;
  }
}
