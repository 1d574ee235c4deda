package dev.roberto.auth.billing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error response of billing-service: its HTTP status and, when the body was problem+json, its
 * {@code code}, {@code detail} and {@code hint}.
 */
public class BillingServiceProblem extends RuntimeException {

  private final int status;
  private final String code;
  private final String title;
  private final String hint;

  BillingServiceProblem(int status, String code, String title, String detail, String hint) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.hint = hint;
  }

  static BillingServiceProblem of(int status, JsonNode body) {
    if (body == null || !body.isObject()) {
      return new BillingServiceProblem(status, null, null, null, null);
    }
    return new BillingServiceProblem(
        status,
        body.path("code").asText(null),
        body.path("title").asText(null),
        body.path("detail").asText(null),
        body.path("hint").asText(null));
  }

  public int status() {
    return status;
  }

  /** Returns the problem's {@code code}, or null when the body was not problem+json. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public String hint() {
    return hint;
  }
}
