package dev.roberto.webhook;

import dev.roberto.testsupport.RobertoInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL and Kafka for every test of this module, with the service's reactive connections
 * to PostgreSQL routed through a link that tests can cut.
 */
@QuarkusTestResource(
    value = RobertoInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "webhook"),
      @ResourceArg(name = "database-link", value = "true")
    })
public class TestInfrastructure {}
