package dev.roberto.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.login.DevicePolling;
import dev.roberto.client.login.Sleeper;
import dev.roberto.client.login.TokenPair;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java client of one Roberto control plane. It reads the service URLs from the control plane's
 * discovery document, logs in with the device flow, and keeps the tokens in an {@link AuthStore}.
 *
 * <p>An authenticated request goes only to the control plane of the stored login or to a service
 * URL that control plane listed at login. A 401 answer leads to one refresh and one retry; a second
 * 401 ends in an {@link AuthenticationException} with the server's hint.
 */
public final class RobertoClient {

  private final String controlPlaneUrl;
  private final AuthStore store;
  private final ApiHttp http;
  private final DevicePolling polling;
  private final Clock clock;
  private final String clientName;
  private ControlPlane controlPlane;

  private RobertoClient(Builder builder) {
    this.controlPlaneUrl = AuthStore.normalize(builder.controlPlaneUrl);
    this.store = builder.store != null ? builder.store : AuthStore.inConfigFolder();
    this.http = new ApiHttp(builder.requestLog);
    this.clock = builder.clock;
    this.polling = new DevicePolling(http, builder.sleeper, builder.clock);
    this.clientName = builder.clientName;
  }

  public static Builder builder(String controlPlaneUrl) {
    return new Builder(controlPlaneUrl);
  }

  public String controlPlaneUrl() {
    return controlPlaneUrl;
  }

  public AuthStore store() {
    return store;
  }

  /**
   * Returns the HTTP layer of this client, for requests that carry no access token, such as a
   * signed usage webhook.
   */
  public ApiHttp http() {
    return http;
  }

  /** Reads {@code /.well-known/roberto} once and returns the service URLs it lists. */
  public synchronized ControlPlane discover() {
    if (controlPlane == null) {
      URI uri = URI.create(controlPlaneUrl + "/.well-known/roberto");
      controlPlane = http.send("GET", uri, null, null, ControlPlane.class);
      if (controlPlane == null || controlPlane.services() == null) {
        throw new RobertoException(
            0,
            "discovery_failed",
            "The control plane at " + controlPlaneUrl + " returned no discovery document.",
            "Check the control plane URL.",
            null);
      }
    }
    return controlPlane;
  }

  /** Starts a device login; the person then opens the verification URI and enters the code. */
  public DeviceCode startLogin() {
    URI uri = URI.create(discover().serviceUrl("auth") + "/api/auth/device/code");
    JsonNode started = http.send("POST", uri, Map.of("client", clientName), null, JsonNode.class);
    return new DeviceCode(
        started.path("deviceCode").asText(),
        started.path("userCode").asText(),
        started.path("verificationUri").asText(),
        started.path("verificationUriComplete").asText(null),
        clock.instant().plusSeconds(started.path("expiresIn").asLong()),
        started.path("interval").asInt(5));
  }

  /**
   * Polls until the login is approved, then stores the tokens for this control plane and returns
   * the stored entry. Other control planes' entries stay as they are.
   */
  public StoredLogin finishLogin(DeviceCode code) {
    ControlPlane discovered = discover();
    URI tokenUri = URI.create(discovered.serviceUrl("auth") + "/api/auth/device/token");
    TokenPair tokens = polling.awaitTokens(tokenUri, code);
    URI whoamiUri = URI.create(discovered.serviceUrl("auth") + "/api/auth/whoami");
    WhoAmI identity = http.send("GET", whoamiUri, null, tokens.accessToken(), WhoAmI.class);
    StoredLogin login =
        new StoredLogin(
            controlPlaneUrl,
            tokens.accessToken(),
            tokens.refreshToken(),
            expiresAt(tokens),
            identity.email(),
            identity.workspaceId(),
            clientName,
            discovered.services());
    store.save(login);
    return login;
  }

  /** Returns the stored login of this control plane, if any. */
  public Optional<StoredLogin> storedLogin() {
    return store.find(controlPlaneUrl);
  }

  /**
   * Exchanges the stored refresh token for a new pair and stores it. The store stays locked from
   * reading the token to writing its successor, so concurrent refreshes run one after another.
   */
  public StoredLogin refresh() {
    return store.withLock(
        () -> {
          StoredLogin current = requireLogin();
          return refreshStored(current);
        });
  }

  /**
   * Logs out. Unless {@code localOnly}, the server first revokes the refresh token's family; a
   * family the server no longer knows counts as revoked. Returns whether a login was stored.
   */
  public boolean logout(boolean localOnly) {
    return store.withLock(
        () -> {
          Optional<StoredLogin> current = storedLogin();
          if (current.isEmpty()) {
            return false;
          }
          if (!localOnly) {
            revoke(current.get());
          }
          return store.remove(controlPlaneUrl);
        });
  }

  /** Returns who the stored access token belongs to. */
  public WhoAmI whoami() {
    return call("GET", "auth", "/api/auth/whoami", null, WhoAmI.class);
  }

  /** Returns the workspaces of the signed-in account. */
  public List<Workspace> workspaces() {
    Workspace[] workspaces = call("GET", "auth", "/api/auth/workspaces", null, Workspace[].class);
    return workspaces == null ? List.of() : Arrays.asList(workspaces);
  }

  /**
   * Sends an authenticated request to a service of this control plane and returns the body as
   * {@code type}. On a 401 it refreshes once and retries once.
   *
   * @param service a service name of the discovery document: auth, billing, runtime, ...
   */
  public <T> T call(String method, String service, String path, Object body, Class<T> type) {
    StoredLogin login = requireLogin();
    URI uri = URI.create(serviceUrl(login, service) + path);
    ApiHttp.Answer answer = authorized(login, method, uri, body);
    if (answer.status() == 401) {
      StoredLogin refreshed = refreshAfterRejection(login.accessToken());
      answer = authorized(refreshed, method, uri, body);
    }
    if (answer.status() >= 300) {
      throw Problems.toException(answer, uri);
    }
    if (answer.body() == null) {
      return null;
    }
    return http.convert(answer.body(), type);
  }

  private ApiHttp.Answer authorized(StoredLogin login, String method, URI uri, Object body) {
    requireOwnOrigin(login, uri);
    return http.exchange(method, uri, body, login.accessToken());
  }

  /**
   * Rejects a URL outside the login's control plane, so a token never reaches another host: the
   * allowed origins are the control plane's and those of the services it listed at login.
   */
  static void requireOwnOrigin(StoredLogin login, URI uri) {
    Set<String> allowed =
        Stream.concat(
                Stream.of(login.controlPlaneUrl()),
                login.services() == null ? Stream.empty() : login.services().values().stream())
            .map(url -> origin(URI.create(url)))
            .collect(Collectors.toSet());
    if (!allowed.contains(origin(uri))) {
      throw new IllegalArgumentException(
          "Refusing to send the token of "
              + login.controlPlaneUrl()
              + " to "
              + origin(uri)
              + ", which is not part of that control plane");
    }
  }

  private StoredLogin refreshAfterRejection(String rejectedAccessToken) {
    return store.withLock(
        () -> {
          StoredLogin current = requireLogin();
          if (!current.accessToken().equals(rejectedAccessToken)) {
            // Another process refreshed while this request was on its way.
            return current;
          }
          return refreshStored(current);
        });
  }

  private StoredLogin refreshStored(StoredLogin current) {
    URI uri = URI.create(serviceUrl(current, "auth") + "/api/auth/refresh");
    requireOwnOrigin(current, uri);
    TokenPair tokens =
        http.send(
            "POST", uri, Map.of("refreshToken", current.refreshToken()), null, TokenPair.class);
    StoredLogin updated =
        current.withTokens(tokens.accessToken(), tokens.refreshToken(), expiresAt(tokens));
    store.save(updated);
    return updated;
  }

  private void revoke(StoredLogin login) {
    URI uri = URI.create(serviceUrl(login, "auth") + "/api/auth/logout");
    requireOwnOrigin(login, uri);
    ApiHttp.Answer answer =
        http.exchange("POST", uri, Map.of("refreshToken", login.refreshToken()), null);
    if (answer.status() >= 300 && answer.status() != 401) {
      throw Problems.toException(answer, uri);
    }
  }

  private StoredLogin requireLogin() {
    return storedLogin()
        .orElseThrow(
            () ->
                new AuthenticationException(
                    0,
                    "not_logged_in",
                    "No login is stored for " + controlPlaneUrl + ".",
                    "Run `roberto auth login --control-plane " + controlPlaneUrl + "`.",
                    null));
  }

  private String serviceUrl(StoredLogin login, String service) {
    String url = login.services() == null ? null : login.services().get(service);
    if (url == null && service.equals("auth")) {
      return controlPlaneUrl;
    }
    if (url == null) {
      throw new RobertoException(
          0,
          "service_not_discovered",
          "The stored login lists no " + service + " service for " + controlPlaneUrl + ".",
          "Run `roberto auth login` again to read the control plane's services anew.",
          null);
    }
    return url;
  }

  private String expiresAt(TokenPair tokens) {
    return clock.instant().plusSeconds(tokens.expiresIn()).toString();
  }

  private static String origin(URI uri) {
    int port = uri.getPort();
    if (port == -1) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
    return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port;
  }

  /** Settings of a {@link RobertoClient}. */
  public static final class Builder {
    private final String controlPlaneUrl;
    private AuthStore store;
    private Sleeper sleeper = Sleeper.REAL;
    private Clock clock = Clock.systemUTC();
    private String clientName = "cli";
    private Consumer<RequestLog> requestLog = log -> {};

    private Builder(String controlPlaneUrl) {
      this.controlPlaneUrl = controlPlaneUrl;
    }

    public Builder store(AuthStore store) {
      this.store = store;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The client name auth-service shows on the approval page: {@code cli} or {@code mcp}. */
    public Builder clientName(String clientName) {
      this.clientName = clientName;
      return this;
    }

    /** Receives every finished request, for {@code --verbose} output. */
    public Builder requestLog(Consumer<RequestLog> requestLog) {
      this.requestLog = requestLog;
      return this;
    }

    public RobertoClient build() {
      return new RobertoClient(this);
    }
  }
}
