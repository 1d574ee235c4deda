package dev.roberto.webhook;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every test of this module. */
@QuarkusTestResource(
    value = WebhookInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "webhook"))
public class TestInfrastructure {}
