package dev.roberto.runtime;

import dev.roberto.testsupport.RobertoInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL, Kafka and auth-service for every test of this module. */
@QuarkusTestResource(
    value = RobertoInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "runtime"),
      @ResourceArg(name = "auth-service", value = "true")
    })
public class TestInfrastructure {}
