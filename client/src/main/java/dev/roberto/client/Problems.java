package dev.roberto.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** Turns an error answer, RFC 9457 problem+json with {@code code} and {@code hint}, into a type. */
public final class Problems {

  private Problems() {}

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
    if (status == 401) {
      return new AuthenticationException(status, code, message, hint, answer.requestId());
    }
    if (status == 402 || code.startsWith("billing_")) {
      return new BillingRefusedException(status, code, message, hint, answer.requestId());
    }
    if (status == 502 || status == 503 || status == 504) {
      if (hint == null) {
        hint = "Try again in a moment; the service is unavailable.";
      }
      return new ServiceUnavailableException(status, code, message, hint, answer.requestId());
    }
    return new RobertoException(status, code, message, hint, answer.requestId());
  }

  static String text(JsonNode body, String field) {
    if (body == null || !body.hasNonNull(field)) {
      return null;
    }
    return body.get(field).asText();
  }
}
