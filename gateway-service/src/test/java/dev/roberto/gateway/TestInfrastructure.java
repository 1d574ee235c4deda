package dev.roberto.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL, Kafka and auth-service, and WireMock as the LLM providers, for every test of
 * this module. The service's reactive connections to PostgreSQL go through a link that tests can
 * cut.
 */
@QuarkusTestResource(
    value = GatewayInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "gateway"),
      @ResourceArg(name = "auth-service", value = "true"),
      @ResourceArg(name = "database-link", value = "true")
    })
public class TestInfrastructure {}
