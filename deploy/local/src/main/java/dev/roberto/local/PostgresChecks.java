package dev.roberto.local;

import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;

/** Checks made before the stack uses PostgreSQL, with error messages that name the fix. */
final class PostgresChecks {

  private PostgresChecks() {}

  /**
   * Fails when this process runs as root, because PostgreSQL refuses to start as root, so the
   * embedded server cannot run.
   */
  static void requireNonRootUser() {
    if ("root".equals(System.getProperty("user.name"))) {
      throw new LocalStackException(
          "No PostgreSQL server found: "
              + Postgres.URL_VARIABLE
              + " is not set, and no server on 127.0.0.1:5432 accepts the user postgres without a"
              + " password. The embedded PostgreSQL cannot start either, because PostgreSQL"
              + " refuses to run as root. Run roberto-local as an ordinary user, or start a"
              + " PostgreSQL server and set "
              + Postgres.URL_VARIABLE
              + "=postgresql://USER:PASSWORD@HOST:PORT.");
    }
  }

  /** Fails unless the server accepts a connection with its credentials. */
  static void requireReachable(PostgresServer server) {
    if (!server.isReachable()) {
      throw new LocalStackException(
          "Connecting to the PostgreSQL server at "
              + server.host()
              + ":"
              + server.port()
              + " as user "
              + server.user()
              + " failed. Check "
              + Postgres.URL_VARIABLE
              + " (postgresql://USER:PASSWORD@HOST:PORT). The user must be allowed to create"
              + " databases.");
    }
  }
}
