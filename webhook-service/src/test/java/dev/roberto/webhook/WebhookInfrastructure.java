package dev.roberto.webhook;

import dev.roberto.testsupport.RobertoInfrastructure;
import java.net.URI;
import java.util.Map;

/**
 * The shared real PostgreSQL and Kafka, with the service's reactive connections to PostgreSQL
 * routed through {@link DatabaseLink} so that tests can cut them. Flyway and the tests' own JDBC
 * queries connect directly.
 */
public class WebhookInfrastructure extends RobertoInfrastructure {

  private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";

  @Override
  public Map<String, String> start() {
    Map<String, String> config = super.start();
    URI direct = URI.create(config.get(REACTIVE_URL));
    DatabaseLink link = DatabaseLink.start(direct.getHost(), direct.getPort());
    config.put(REACTIVE_URL, "postgresql://127.0.0.1:" + link.port() + direct.getPath());
    return config;
  }
}
