package dev.roberto.testsupport.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between the service and PostgreSQL, so that a test can take the database
 * away from the service and give it back without stopping the shared server. While cut, new
 * connections are refused and open ones are closed.
 */
public final class DatabaseLink {

  private static DatabaseLink shared;

  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private int port;
  private ServerSocket server;

  private DatabaseLink(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Starts the link of this JVM towards the target, or returns the running one. */
  public static synchronized DatabaseLink start(String targetHost, int targetPort) {
    if (shared == null) {
      shared = new DatabaseLink(targetHost, targetPort);
      shared.listen();
    }
    return shared;
  }

  public static synchronized DatabaseLink shared() {
    return shared;
  }

  public int port() {
    return port;
  }

  /** Refuses new connections and closes the open ones, as a PostgreSQL outage would. */
  public synchronized void cut() {
    closeQuietly(server);
    server = null;
    open.forEach(DatabaseLink::closeQuietly);
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    if (server == null) {
      listen();
    }
  }

  private void listen() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = socket.getLocalPort();
      server = socket;
      Thread acceptor = new Thread(() -> acceptAll(socket), "database-link-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Listening on port " + port + " failed", e);
    }
  }

  private void acceptAll(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        if (!register(socket, client, upstream)) {
          continue;
        }
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // The server socket was closed by cut(), or PostgreSQL refused: stop or drop this one.
      }
    }
  }

  /**
   * Records a new pair of sockets, unless cut() closed the listening socket after it accepted the
   * client: then the pair is closed, so no connection outlives the cut.
   */
  private synchronized boolean register(ServerSocket listener, Socket client, Socket upstream) {
    if (server != listener) {
      closeQuietly(client);
      closeQuietly(upstream);
      return false;
    }
    open.add(client);
    open.add(upstream);
    return true;
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // One side closed: close both below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "database-link-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
