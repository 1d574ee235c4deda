package dev.roberto.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** A reachable PostgreSQL server and the superuser credentials to create databases on it. */
public record PostgresServer(String host, int port, String user, String password) {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMddHHmmss");

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String reactiveUrl(String database) {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  /** Creates a database with a new name that starts with the prefix, for one test run. */
  public String createDatabase(String prefix) {
    String name =
        (prefix + "_" + LocalDateTime.now().format(STAMP) + "_" + randomSuffix())
            .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + name);
    return name;
  }

  /** Creates the database if it does not exist yet, for the local stack that keeps its data. */
  public void ensureDatabase(String name) {
    try (Connection connection = connect("postgres");
        var statement =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      if (!statement.executeQuery().next()) {
        try (Statement create = connection.createStatement()) {
          create.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Creating database " + name + " failed", e);
    }
  }

  /** Drops the database, closing the sessions that still use it. */
  public void dropDatabase(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Tells whether a connection as the configured user succeeds. */
  public boolean isReachable() {
    try (Connection connection = connect("postgres")) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void execute(String sql) {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL statement failed: " + sql, e);
    }
  }

  private Connection connect(String database) throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  private static String randomSuffix() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
  }
}
