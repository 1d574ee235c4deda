package dev.roberto.runtime;

import dev.roberto.testsupport.RobertoInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every test of this module. */
@QuarkusTestResource(
    value = RobertoInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "runtime"))
public class TestInfrastructure {}
