package dev.roberto.billing;

import dev.roberto.testsupport.RobertoInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL, Kafka and auth-service for every test of this module. The service's reactive
 * connections to PostgreSQL go through a link that tests can cut.
 */
@QuarkusTestResource(
    value = RobertoInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "billing"),
      @ResourceArg(name = "auth-service", value = "true"),
      @ResourceArg(name = "database-link", value = "true")
    })
public class TestInfrastructure {}
