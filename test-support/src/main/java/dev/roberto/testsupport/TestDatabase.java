package dev.roberto.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC queries against the database of the application under test, so that a test can check
 * the rows a request or an event wrote.
 */
public final class TestDatabase {

  private TestDatabase() {}

  /** Returns every row of the query as column-to-value maps. */
  public static List<Map<String, Object>> rows(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        return readAll(result);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  /** Returns the single number that a count query produces. */
  public static long count(String sql, Object... parameters) {
    List<Map<String, Object>> rows = rows(sql, parameters);
    return ((Number) rows.get(0).values().iterator().next()).longValue();
  }

  /** Runs an insert, update or delete and returns the number of rows it changed. */
  public static int update(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Update failed: " + sql, e);
    }
  }

  /**
   * Locks the table in a transaction of its own until {@link TableLock#close}, so that the
   * service's inserts into it wait meanwhile, as behind a slow database.
   */
  public static TableLock lock(String table) {
    try {
      Connection connection = connect();
      connection.setAutoCommit(false);
      try (PreparedStatement statement =
          connection.prepareStatement("LOCK TABLE " + table + " IN EXCLUSIVE MODE")) {
        statement.execute();
      }
      return new TableLock(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Locking " + table + " failed", e);
    }
  }

  /** A table lock that {@link #close} releases. */
  public static final class TableLock implements AutoCloseable {

    private final Connection connection;

    private TableLock(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void close() {
      try (connection) {
        connection.rollback();
      } catch (SQLException e) {
        // A connection that broke has released the lock with its transaction.
      }
    }
  }

  private static Connection connect() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }

  private static List<Map<String, Object>> readAll(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<Map<String, Object>> rows = new ArrayList<>();
    while (result.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int column = 1; column <= meta.getColumnCount(); column++) {
        row.put(meta.getColumnLabel(column), result.getObject(column));
      }
      rows.add(row);
    }
    return rows;
  }
}
