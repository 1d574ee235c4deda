package dev.roberto.cli;

import dev.roberto.testsupport.service.TestControlPlane;
import dev.roberto.testsupport.stripe.StripeStandIn;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control plane of the billing, gateway, webhook and usage command tests, started once per test
 * JVM: the real billing-service, gateway-service and webhook-service, and an auth-service replica
 * that lists them. Only Stripe is faked, by test-support's {@link StripeStandIn}.
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
      services.put(
          "webhook-service",
          Map.of("roberto.webhook.signing-secrets.encryption-key", randomAesKey()));
      controlPlane = TestControlPlane.start(services);
    }
    return controlPlane;
  }

  /** Returns the stand-in for Stripe's API that billing-service calls. */
  static synchronized StripeStandIn stripe() {
    controlPlane();
    return stripe;
  }

  /** Returns the environment that points the CLI at this control plane. */
  static Map<String, String> environment() {
    return Map.of("ROBERTO_CONTROL_PLANE", controlPlane().url());
  }

  private static String randomAesKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
