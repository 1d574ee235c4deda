package dev.roberto.testsupport;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.kafka.KafkaBroker;
import dev.roberto.testsupport.postgres.DatabaseLink;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application a fresh PostgreSQL database and the real Kafka broker of
 * this JVM.
 *
 * <p>Init arguments: {@code database}, the prefix of the database name, usually the service name;
 * {@code auth-service}, {@code true} to start the real auth-service and check tokens against it;
 * {@code database-link}, {@code true} to route the application's reactive connections through
 * {@link DatabaseLink}, so that a test can take PostgreSQL away and give it back. Flyway and the
 * tests' JDBC queries still connect directly.
 */
public class RobertoInfrastructure implements QuarkusTestResourceLifecycleManager {

  private String databasePrefix = "roberto";
  private boolean withAuthService;
  private boolean withDatabaseLink;
  private String database;
  private PostgresServer postgres;

  @Override
  public void init(Map<String, String> initArgs) {
    databasePrefix = initArgs.getOrDefault("database", databasePrefix);
    withAuthService = Boolean.parseBoolean(initArgs.get("auth-service"));
    withDatabaseLink = Boolean.parseBoolean(initArgs.get("database-link"));
  }

  @Override
  public Map<String, String> start() {
    postgres = Postgres.shared();
    database = postgres.createDatabase("test_" + databasePrefix);
    KafkaBroker kafka = KafkaBroker.shared();

    Map<String, String> config = new HashMap<>();
    config.put("quarkus.datasource.username", postgres.user());
    config.put("quarkus.datasource.password", postgres.password());
    config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
    config.put("quarkus.datasource.reactive.url", reactiveUrl());
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    if (withAuthService) {
      config.put("roberto.auth.url", AuthServiceProcess.shared().url());
    }
    return config;
  }

  private String reactiveUrl() {
    if (!withDatabaseLink) {
      return postgres.reactiveUrl(database);
    }
    DatabaseLink link = DatabaseLink.start(postgres.host(), postgres.port());
    return new PostgresServer("127.0.0.1", link.port(), postgres.user(), postgres.password())
        .reactiveUrl(database);
  }

  @Override
  public void stop() {
    if (database != null) {
      postgres.dropDatabase(database);
    }
  }
}
