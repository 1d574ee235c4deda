package dev.roberto.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The loopback ports a run needs, checked before anything starts. */
final class PortCheck {

  private record Claim(int port, String user, String option) {}

  private final List<Claim> claims = new ArrayList<>();

  /**
   * Adds a port, the component that needs it, and the option that changes it.
   *
   * @param user for example {@code auth-service}
   * @param option for example {@code --base-port}
   */
  PortCheck claim(int port, String user, String option) {
    claims.add(new Claim(port, user, option));
    return this;
  }

  /**
   * Checks that no two components claim the same port, that every port is in the TCP range, and
   * that each can be bound on 127.0.0.1 now.
   *
   * @throws LocalStackException naming the first port in conflict, its user and the option
   */
  void requireAllFree() {
    Map<Integer, Claim> byPort = new HashMap<>();
    for (Claim claim : claims) {
      if (claim.port() < 1 || claim.port() > 65535) {
        throw new LocalStackException(
            "Port "
                + claim.port()
                + " for "
                + claim.user()
                + " is outside 1-65535. Choose another with "
                + claim.option()
                + ".");
      }
      Claim earlier = byPort.putIfAbsent(claim.port(), claim);
      if (earlier != null) {
        throw new LocalStackException(
            "Port "
                + claim.port()
                + " is needed by both "
                + earlier.user()
                + " and "
                + claim.user()
                + ". Change "
                + earlier.option()
                + " or "
                + claim.option()
                + ".");
      }
    }
    for (Claim claim : claims) {
      if (!canBind(claim.port())) {
        throw new LocalStackException(
            "Port "
                + claim.port()
                + " on 127.0.0.1 is already in use, but "
                + claim.user()
                + " needs it. Stop the process that listens there (ss -ltnp 'sport = :"
                + claim.port()
                + "' shows it) or choose another port with "
                + claim.option()
                + ".");
      }
    }
  }

  /**
   * Tells whether a server socket can bind the port on 127.0.0.1. On Linux this also fails when
   * another process listens on the wildcard address with the same port.
   */
  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
