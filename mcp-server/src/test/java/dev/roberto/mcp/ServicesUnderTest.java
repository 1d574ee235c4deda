package dev.roberto.mcp;

import dev.roberto.testsupport.service.TestControlPlane;
import dev.roberto.testsupport.stripe.StripeStandIn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control plane of the billing and gateway tool tests, started once per test JVM: the real
 * billing-service and gateway-service, and an auth-service replica that lists them. Only Stripe is
 * faked, by test-support's {@link StripeStandIn}.
 */
final class ServicesUnderTest {

  private static StripeStandIn stripe;
  private static TestControlPlane controlPlane;

  private ServicesUnderTest() {}

  static synchronized TestControlPlane controlPlane() {
    if (controlPlane == null) {
      stripe = StripeStandIn.start();
      Map<String, Map<String, String>> services = new LinkedHashMap<>();
      services.put("billing-service", stripe.billingSettings());
      services.put("gateway-service", Map.of());
      controlPlane = TestControlPlane.start(services);
    }
    return controlPlane;
  }

  /** Returns the stand-in for Stripe's API that billing-service calls. */
  static synchronized StripeStandIn stripe() {
    controlPlane();
    return stripe;
  }
}
