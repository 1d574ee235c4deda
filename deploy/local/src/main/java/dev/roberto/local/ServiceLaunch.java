package dev.roberto.local;

import dev.roberto.testsupport.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    String database,
    String kafkaBootstrapServers,
    String controlPlaneUrl,
    String standInProviderUrl,
    LocalSecrets secrets) {

  /** The local stack's first account; a documented default for loopback use, not a secret. */
  static final String LOCAL_BOOTSTRAP_EMAIL = "admin@roberto.local";

  static final String LOCAL_BOOTSTRAP_PASSWORD = "roberto-local-admin";

  /**
   * File name of the AppCDS archive that a build with quarkus.package.jar.appcds.enabled writes.
   */
  static final String APPCDS_ARCHIVE = "app-cds.jsa";

  /**
   * Returns the java command that runs the fast-jar. It must run in the jar's folder, because it
   * names the jar relative to that folder: an AppCDS archive records the class path as the build
   * ran it ({@code -jar quarkus-run.jar} in {@code target/quarkus-app}), and the JVM uses the
   * archive only when the class path matches. The archive is used when the build made one.
   */
  List<String> command(Path jar) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(RunCommand.SERVICE_JVM_OPTIONS);
    if (Files.isRegularFile(jar.resolveSibling(APPCDS_ARCHIVE))) {
      command.add("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
    }
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.datasource.username=" + postgres.user());
    command.add("-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(database));
    command.add("-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(database));
    command.add("-Dkafka.bootstrap.servers=" + kafkaBootstrapServers);
    command.add("-Droberto.control-plane.url=" + controlPlaneUrl);
    if (isAuth()) {
      command.addAll(authSettings());
    }
    if (definition.shortName().equals("gateway")) {
      command.addAll(standInProviders());
    }
    command.add("-jar");
    command.add(jar.getFileName().toString());
    return command;
  }

  /**
   * Returns the extra environment: the database password, the service's encryption key, and
   * auth-service's bootstrap password.
   */
  Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(secrets.environmentOf(definition.shortName()));
    if (!postgres.password().isEmpty()) {
      environment.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
    }
    if (isAuth()) {
      environment.put("ROBERTO_AUTH_BOOTSTRAP_PASSWORD", LOCAL_BOOTSTRAP_PASSWORD);
    }
    return Map.copyOf(environment);
  }

  private boolean isAuth() {
    return definition.shortName().equals("auth");
  }

  /**
   * Returns the gateway's providers: the stand-in provider, once OpenAI-like, once Anthropic-like.
   */
  private List<String> standInProviders() {
    String prefix = "-Droberto.gateway.providers.";
    return List.of(
        prefix + "stand-in.kind=openai",
        prefix + "stand-in.base-url=" + standInProviderUrl,
        prefix + "stand-in.models=stand-in-chat,stand-in-embedding",
        prefix + "stand-in-anthropic.kind=anthropic",
        prefix + "stand-in-anthropic.base-url=" + standInProviderUrl,
        prefix + "stand-in-anthropic.models=stand-in-chat");
  }

  /**
   * Returns auth-service's first account and the URLs its discovery document lists, which follow
   * {@code --base-port}.
   */
  private List<String> authSettings() {
    int basePort = port - definition.portOffset();
    List<String> settings = new ArrayList<>();
    settings.add("-Droberto.auth.bootstrap.email=" + LOCAL_BOOTSTRAP_EMAIL);
    for (ServiceDefinition service : ServiceDefinition.ALL) {
      if (!service.shortName().equals("auth")) {
        settings.add(
            "-Droberto.discovery."
                + service.shortName()
                + "-url=http://127.0.0.1:"
                + service.port(basePort));
      }
    }
    return settings;
  }
}
