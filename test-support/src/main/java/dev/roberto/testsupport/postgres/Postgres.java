package dev.roberto.testsupport.postgres;

import dev.roberto.testsupport.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the PostgreSQL server for tests and the local stack.
 *
 * <p>In order: the server named by {@code ROBERTO_POSTGRES_URL} ({@code
 * postgresql://user:password@host:port}), else one on 127.0.0.1:5432 that accepts the user {@code
 * postgres} without a password, else an embedded PostgreSQL from the io.zonky.test Maven artifacts.
 */
public final class Postgres {

  public static final String URL_VARIABLE = "ROBERTO_POSTGRES_URL";
  private static PostgresServer shared;

  private Postgres() {}

  /** Returns the server of this JVM, starting an embedded one in a temporary folder if needed. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = configuredOrLocal();
      if (shared == null) {
        try {
          shared = startEmbedded(Files.createTempDirectory("roberto-postgres-"), FreePorts.pick());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return shared;
  }

  /**
   * Returns the configured server, or the local one on 5432 if it accepts connections, or null when
   * neither is there.
   */
  public static PostgresServer configuredOrLocal() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return parse(url);
    }
    PostgresServer local = new PostgresServer("127.0.0.1", 5432, "postgres", "");
    if (FreePorts.isListening(local.host(), local.port(), 500) && local.isReachable()) {
      return local;
    }
    return null;
  }

  /**
   * Starts an embedded PostgreSQL that keeps its data in the folder and stops with this JVM.
   *
   * <p>PostgreSQL refuses to run as root, so this fallback works only for ordinary users.
   */
  public static PostgresServer startEmbedded(Path dataDir, int port) {
    try {
      EmbeddedPostgres embedded =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(embedded), "postgres-stop"));
      return new PostgresServer("127.0.0.1", embedded.getPort(), "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("Starting the embedded PostgreSQL failed", e);
    }
  }

  static PostgresServer parse(String url) {
    URI uri = URI.create(url);
    String user = "postgres";
    String password = "";
    if (uri.getUserInfo() != null) {
      String[] parts = uri.getUserInfo().split(":", 2);
      user = parts[0];
      password = parts.length > 1 ? parts[1] : "";
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    return new PostgresServer(uri.getHost(), port, user, password);
  }

  private static void close(EmbeddedPostgres embedded) {
    try {
      embedded.close();
    } catch (IOException e) {
      System.err.println("Stopping the embedded PostgreSQL failed: " + e.getMessage());
    }
  }
}
