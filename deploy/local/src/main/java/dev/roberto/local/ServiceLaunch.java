package dev.roberto.local;

import dev.roberto.testsupport.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of one service's JVM. Quarkus reads the settings as system
 * properties, except the database password, which goes into the environment so that it does not
 * show in {@code ps} output.
 */
record ServiceLaunch(
    ServiceDefinition definition,
    int port,
    PostgresServer postgres,
    String kafkaBootstrapServers,
    String controlPlaneUrl,
    String standInProviderUrl) {

  List<String> command(Path jar) {
    String database = definition.database();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(RunCommand.SERVICE_MAX_HEAP);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.datasource.username=" + postgres.user());
    command.add("-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(database));
    command.add("-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(database));
    command.add("-Dkafka.bootstrap.servers=" + kafkaBootstrapServers);
    command.add("-Droberto.control-plane.url=" + controlPlaneUrl);
    command.add("-Droberto.gateway.stand-in-provider.url=" + standInProviderUrl);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** Returns the extra environment; empty when the server needs no password. */
  Map<String, String> environment() {
    if (postgres.password().isEmpty()) {
      return Map.of();
    }
    return Map.of("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
  }
}
