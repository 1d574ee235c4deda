package dev.roberto.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the five services: its short name as {@code --services} takes it, and its HTTP port as an
 * offset from the base port.
 */
record ServiceDefinition(String shortName, int portOffset) {

  /** The services in start order; auth-service first because the others validate its tokens. */
  static final List<ServiceDefinition> ALL =
      List.of(
          new ServiceDefinition("auth", 0),
          new ServiceDefinition("billing", 1),
          new ServiceDefinition("runtime", 2),
          new ServiceDefinition("gateway", 3),
          new ServiceDefinition("webhook", 4));

  /** Returns the module and process name, for example {@code auth-service}. */
  String name() {
    return shortName + "-service";
  }

  /** The default {@code --database-prefix}, which names the local stack's own databases. */
  static final String DEFAULT_DATABASE_PREFIX = "roberto";

  /**
   * Returns the service's own PostgreSQL database under the prefix, for example {@code
   * roberto_auth}.
   */
  String database(String databasePrefix) {
    return databasePrefix + "_" + shortName;
  }

  int port(int basePort) {
    return basePort + portOffset;
  }

  /** Returns the fast-jar launcher that {@code ./mvnw install} builds in the service's module. */
  Path jar(Path repository) {
    return repository.resolve(name()).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /**
   * The {@code --services} value that starts no service, only PostgreSQL, Kafka and the provider.
   */
  static final String NONE = "none";

  /**
   * Returns the services named in a comma-separated list of short names, in start order, or none
   * for {@link #NONE}.
   *
   * @throws LocalStackException when a name is unknown or the list is empty
   */
  static List<ServiceDefinition> select(String commaSeparatedNames) {
    if (commaSeparatedNames.trim().equalsIgnoreCase(NONE)) {
      return List.of();
    }
    List<String> requested = new ArrayList<>();
    for (String name : commaSeparatedNames.split(",")) {
      String shortName = toShortName(name);
      if (shortName.isEmpty()) {
        continue;
      }
      if (ALL.stream().noneMatch(service -> service.shortName().equals(shortName))) {
        throw new LocalStackException(
            "Unknown service '"
                + name.trim()
                + "' in --services. Expected a comma-separated list of: "
                + String.join(",", ALL.stream().map(ServiceDefinition::shortName).toList())
                + ", or none.");
      }
      requested.add(shortName);
    }
    if (requested.isEmpty()) {
      throw new LocalStackException(
          "--services names no service. Use --services none to start only PostgreSQL, Kafka and"
              + " the stand-in LLM provider.");
    }
    return ALL.stream().filter(service -> requested.contains(service.shortName())).toList();
  }

  /** Accepts {@code auth}, {@code Auth} and {@code auth-service} alike. */
  private static String toShortName(String name) {
    String shortName = name.trim().toLowerCase(Locale.ROOT);
    if (shortName.endsWith("-service")) {
      shortName = shortName.substring(0, shortName.length() - "-service".length());
    }
    return shortName;
  }
}
