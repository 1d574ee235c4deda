package dev.roberto.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka, and WireMock as the LLM providers, for every test of this module. */
@QuarkusTestResource(
    value = GatewayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
public class TestInfrastructure {}
