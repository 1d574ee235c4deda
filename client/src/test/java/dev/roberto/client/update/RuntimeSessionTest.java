package dev.roberto.client.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.roberto.client.AuthenticationException;
import dev.roberto.client.RobertoException;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime session against the real auth-service and a loopback stand-in for another host. */
class RuntimeSessionTest {

  private HttpServer otherHost;
  private final AtomicInteger otherHostRequests = new AtomicInteger();

  @BeforeEach
  void startOtherHost() throws IOException {
    otherHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    otherHost.createContext(
        "/",
        exchange -> {
          otherHostRequests.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    otherHost.start();
  }

  @AfterEach
  void stopOtherHost() {
    otherHost.stop(0);
  }

  @Test
  void scriptOnOtherHostIsRefused() {
    RuntimeSession session = session();
    int port = otherHost.getAddress().getPort();
    String path = "/api/runtime/decisions/d-1/scripts/s-1?expires=4102444800&signature=abc";

    for (String url :
        new String[] {"http://127.0.0.1:" + port + path, "https://127.0.0.1:" + port + path}) {
      RobertoException refused =
          assertThrows(RobertoException.class, () -> session.downloadScript(url));

      assertEquals("script_url_refused", refused.code());
      assertTrue(refused.hint().contains("check-updates"), refused.hint());
    }
    assertEquals(0, otherHostRequests.get(), "a request reached the other host");
  }

  @Test
  void relativeScriptUrlIsRefused() {
    RobertoException refused =
        assertThrows(
            RobertoException.class,
            () -> session().downloadScript("/api/runtime/decisions/d-1/scripts/s-1"));

    assertEquals("script_url_refused", refused.code());
  }

  @Test
  void wrongCredentialIsAuthenticationFailure() {
    AuthenticationException rejected =
        assertThrows(
            AuthenticationException.class,
            () ->
                session()
                    .checkUpdates(
                        new InstalledVersions(
                            new InstalledVersions.Installed("1.0.0", "stable"), null)));

    assertEquals("runtime_credentials_invalid", rejected.code());
    assertTrue(rejected.hint().contains(RuntimeSession.CLIENT_SECRET_VARIABLE), rejected.hint());
  }

  @Test
  void missingCredentialIsAuthenticationFailure() {
    AuthenticationException missing =
        assertThrows(
            AuthenticationException.class,
            () ->
                RuntimeSession.fromEnvironment(
                    AuthServiceProcess.shared().url(),
                    Map.of(RuntimeSession.CLIENT_ID_VARIABLE, "rt-1"),
                    log -> {}));

    assertEquals("runtime_credentials_missing", missing.code());
  }

  private static RuntimeSession session() {
    return RuntimeSession.fromEnvironment(
        AuthServiceProcess.shared().url(),
        Map.of(
            RuntimeSession.CLIENT_ID_VARIABLE, "rt-unknown",
            RuntimeSession.CLIENT_SECRET_VARIABLE, "not-the-secret"),
        log -> {});
  }
}
