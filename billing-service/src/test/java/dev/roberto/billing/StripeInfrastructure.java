package dev.roberto.billing;

import dev.roberto.billing.stripe.StripeFake;
import io.quarkus.test.common.QuarkusTestResource;

/** A fake Stripe API on loopback for every test of this module. */
@QuarkusTestResource(StripeFake.class)
public class StripeInfrastructure {}
