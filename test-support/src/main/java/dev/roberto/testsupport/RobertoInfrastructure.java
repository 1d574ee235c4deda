package dev.roberto.testsupport;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.kafka.KafkaBroker;
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
 * {@code auth-service}, {@code true} to start the real auth-service and check tokens against it.
 */
public class RobertoInfrastructure implements QuarkusTestResourceLifecycleManager {

  private String databasePrefix = "roberto";
  private boolean withAuthService;
  private String database;
  private PostgresServer postgres;

  @Override
  public void init(Map<String, String> initArgs) {
    databasePrefix = initArgs.getOrDefault("database", databasePrefix);
    withAuthService = Boolean.parseBoolean(initArgs.get("auth-service"));
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
    config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    if (withAuthService) {
      config.put("roberto.auth.url", AuthServiceProcess.shared().url());
    }
    return config;
  }

  @Override
  public void stop() {
    if (database != null) {
      postgres.dropDatabase(database);
    }
  }
}
