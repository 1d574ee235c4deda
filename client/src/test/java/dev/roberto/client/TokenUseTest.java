package dev.roberto.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where tokens go, and what happens when the server rejects one. */
class TokenUseTest {

  @TempDir Path configHome;

  private AuthStore store;
  private RobertoClient client;
  private HttpServer foreign;
  private final List<String> foreignAuthorizations = new CopyOnWriteArrayList<>();
  private final List<String> foreignPaths = new CopyOnWriteArrayList<>();

  @BeforeEach
  void logIn() throws Exception {
    store = new AuthStore(configHome.resolve("roberto"));
    client =
        RobertoClient.builder(AuthServiceProcess.shared().url())
            .store(store)
            .sleeper(duration -> {})
            .build();
    DeviceCode code = client.startLogin();
    Approvals.approveAsOwner(code);
    client.finishLogin(code);
    startForeignHost();
  }

  @AfterEach
  void stopForeignHost() {
    foreign.stop(0);
  }

  @Test
  void rejectedAccessTokenIsRefreshedOnce() {
    StoredLogin stored = client.storedLogin().orElseThrow();
    store.save(stored.withTokens("not-a-token", stored.refreshToken(), "2000-01-01T00:00:00Z"));

    WhoAmI identity = client.whoami();

    assertEquals(AuthServiceProcess.OWNER_EMAIL, identity.email());
    StoredLogin refreshed = client.storedLogin().orElseThrow();
    assertNotEquals("not-a-token", refreshed.accessToken());
    assertNotEquals(stored.refreshToken(), refreshed.refreshToken());
  }

  @Test
  void rejectedRefreshStopsWithServerHint() {
    StoredLogin stored = client.storedLogin().orElseThrow();
    store.save(stored.withTokens("not-a-token", "not-a-refresh-token", "2000-01-01T00:00:00Z"));

    AuthenticationException rejected =
        assertThrows(AuthenticationException.class, () -> client.whoami());

    assertEquals(401, rejected.status());
    assertEquals("invalid_grant", rejected.code());
    assertNotNull(rejected.hint());
    assertTrue(rejected.hint().contains("roberto auth login"), rejected.hint());
  }

  @Test
  void otherControlPlaneGetsNoToken() {
    RobertoClient other =
        RobertoClient.builder(foreignUrl()).store(store).sleeper(duration -> {}).build();

    AuthenticationException notLoggedIn =
        assertThrows(AuthenticationException.class, other::whoami);

    assertEquals("not_logged_in", notLoggedIn.code());
    assertNotNull(other.discover(), "the foreign host was reachable");
    assertTrue(foreignPaths.contains("/.well-known/roberto"));
    assertEquals(List.of(), foreignAuthorizations);
    assertTrue(client.storedLogin().isPresent());
  }

  @Test
  void tokenIsNotSentOutsideItsControlPlane() {
    StoredLogin stored = client.storedLogin().orElseThrow();

    assertThrows(
        IllegalArgumentException.class,
        () ->
            RobertoClient.requireOwnOrigin(stored, URI.create(foreignUrl() + "/api/auth/whoami")));
    StoredLogin pointingAway =
        new StoredLogin(
            stored.controlPlaneUrl(),
            stored.accessToken(),
            stored.refreshToken(),
            stored.accessTokenExpiresAt(),
            stored.email(),
            stored.workspaceId(),
            stored.client(),
            Map.of("auth", stored.controlPlaneUrl()));
    store.save(pointingAway);

    assertThrows(
        RobertoException.class,
        () -> client.call("GET", "billing", "/api/billing", null, Map.class));
    assertEquals(List.of(), foreignAuthorizations);
  }

  private void startForeignHost() throws Exception {
    foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    foreign.createContext(
        "/",
        exchange -> {
          foreignPaths.add(exchange.getRequestURI().getPath());
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          if (authorization != null) {
            foreignAuthorizations.add(authorization);
          }
          byte[] body =
              ("{\"controlPlaneUrl\":\""
                      + foreignUrl()
                      + "\",\"services\":{\"auth\":\""
                      + foreignUrl()
                      + "\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    foreign.start();
  }

  private String foreignUrl() {
    return "http://127.0.0.1:" + foreign.getAddress().getPort();
  }
}
