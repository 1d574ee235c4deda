package dev.roberto.client.billing;

import dev.roberto.client.BillingRefusedException;
import dev.roberto.client.RobertoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Stripe API failed a billing command ({@code stripe_error}). It carries Stripe's own error
 * type, code, message and request id, which Stripe's support needs to find the request.
 */
public class StripeErrorException extends BillingRefusedException {

  StripeErrorException(RobertoException problem) {
    super(
        problem.status(),
        problem.code(),
        problem.getMessage(),
        problem.hint(),
        problem.requestId(),
        problem.extensions());
  }

  /** Returns Stripe's error type, such as {@code invalid_request_error} or {@code card_error}. */
  public String stripeType() {
    return member("stripeType");
  }

  /** Returns Stripe's error code, such as {@code resource_missing}; null for errors without one. */
  public String stripeCode() {
    return member("stripeCode");
  }

  public String stripeMessage() {
    return member("stripeMessage");
  }

  /** Returns the id of the failed request at Stripe ({@code req_...}). */
  public String stripeRequestId() {
    return member("stripeRequestId");
  }

  @Override
  public List<String> details() {
    List<String> lines = new ArrayList<>(super.details());
    lines.add("Stripe error type: " + orNone(stripeType()));
    lines.add("Stripe error code: " + orNone(stripeCode()));
    lines.add("Stripe message: " + orNone(stripeMessage()));
    lines.add("Stripe request id: " + orNone(stripeRequestId()));
    return lines;
  }

  private String member(String name) {
    Map<String, Object> extensions = extensions();
    Object value = extensions.get(name);
    return value == null ? null : value.toString();
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }
}
