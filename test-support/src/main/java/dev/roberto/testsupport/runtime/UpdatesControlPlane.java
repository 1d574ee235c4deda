package dev.roberto.testsupport.runtime;

import static io.restassured.RestAssured.given;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.postgres.Postgres;
import dev.roberto.testsupport.postgres.PostgresServer;
import dev.roberto.testsupport.service.ServiceApplication;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A control plane for tests of runtime-update clients: the real runtime-service from its built
 * application, and an auth-service replica whose discovery document lists that runtime-service, so
 * a client finds it from the control plane URL alone. The module whose tests use it declares test
 * dependencies on auth-service and runtime-service with {@code <type>pom</type>}.
 */
public final class UpdatesControlPlane {

  private static UpdatesControlPlane shared;

  private final ServiceApplication runtimeService;
  private final AuthServiceProcess auth;
  private String ownerToken;
  private Instant ownerTokenAt;

  private UpdatesControlPlane(ServiceApplication runtimeService, AuthServiceProcess auth) {
    this.runtimeService = runtimeService;
    this.auth = auth;
  }

  /** Returns the control plane of this JVM, starting it on first use. */
  public static synchronized UpdatesControlPlane shared() {
    if (shared == null) {
      ServiceApplication runtime =
          ServiceApplication.start("runtime-service", RuntimeServiceSettings.required());
      AuthServiceProcess replica =
          AuthServiceProcess.shared()
              .startReplica(Map.of("roberto.discovery.runtime-url", runtime.url()));
      shared = new UpdatesControlPlane(runtime, replica);
    }
    return shared;
  }

  /** Returns the URL the CLI takes as --control-plane. */
  public String url() {
    return auth.url();
  }

  /** A registered runtime and the environment its commands run with. */
  public record Runtime(String id, Map<String, String> environment) {}

  /** The owner's tokens for this control plane, with what a client stores beside them. */
  public record OwnerLogin(
      DeviceLogin.Tokens tokens, String workspaceId, Map<String, String> services) {}

  /** Logs the owner in through the device flow at this control plane. */
  public OwnerLogin logInOwner() {
    DeviceLogin.Tokens tokens =
        DeviceLogin.tokensFor(
            url(), AuthServiceProcess.OWNER_EMAIL, AuthServiceProcess.OWNER_PASSWORD);
    JsonPath discovery = given().baseUri(url()).when().get("/.well-known/roberto").jsonPath();
    String workspaceId =
        given()
            .baseUri(url())
            .auth()
            .oauth2(tokens.accessToken())
            .when()
            .get("/api/auth/whoami")
            .jsonPath()
            .getString("workspaceId");
    return new OwnerLogin(tokens, workspaceId, discovery.getMap("services"));
  }

  /** Registers a runtime as the owner, with the credential that registration returns. */
  public Runtime registerRuntime() {
    JsonPath registered =
        given()
            .baseUri(runtimeService.url())
            .auth()
            .oauth2(ownerToken())
            .contentType(ContentType.JSON)
            .body(Map.of("name", "host-" + UUID.randomUUID().toString().substring(0, 8)))
            .when()
            .post("/api/runtime/runtimes")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Runtime(
        registered.getString("id"),
        Map.of(
            "ROBERTO_RUNTIME_CLIENT_ID", registered.getString("credential.clientId"),
            "ROBERTO_RUNTIME_CLIENT_SECRET", registered.getString("credential.clientSecret")));
  }

  /** Publishes an agent release with one script. */
  public void publishAgentRelease(
      String channel, String version, String scriptName, String script) {
    byte[] body = script.getBytes(StandardCharsets.UTF_8);
    Map<String, Object> upload =
        Map.of(
            "name",
            scriptName,
            "sha256",
            sha256Hex(body),
            "size",
            body.length,
            "content",
            Base64.getEncoder().encodeToString(body));
    given()
        .baseUri(runtimeService.url())
        .auth()
        .oauth2(ownerToken())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "component",
                "agent",
                "channel",
                channel,
                "version",
                version,
                "scripts",
                List.of(upload)))
        .when()
        .post("/api/runtime/releases")
        .then()
        .statusCode(201);
  }

  /** Returns a fresh access token of the runtime, from its client credentials. */
  public String runtimeToken(Runtime runtime) {
    return given()
        .baseUri(url())
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", runtime.environment().get("ROBERTO_RUNTIME_CLIENT_ID"))
        .formParam("client_secret", runtime.environment().get("ROBERTO_RUNTIME_CLIENT_SECRET"))
        .when()
        .post("/oauth2/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  /** Returns the base URL of runtime-service. */
  public String runtimeServiceUrl() {
    return runtimeService.url();
  }

  /**
   * Replaces the stored body of every script with this name in runtime-service's database, as a
   * tampered store or a corrupted disk would. The listed SHA-256 stays the original's.
   */
  public void replaceScriptBody(String scriptName, String body) throws SQLException {
    PostgresServer server = Postgres.shared();
    try (Connection connection =
            DriverManager.getConnection(
                server.jdbcUrl(runtimeService.database()), server.user(), server.password());
        PreparedStatement update =
            connection.prepareStatement("update release_script set body = ? where name = ?")) {
      update.setBytes(1, body.getBytes(StandardCharsets.UTF_8));
      update.setString(2, scriptName);
      update.executeUpdate();
    }
  }

  /** Returns an owner's access token, reused for a minute since each device login takes a while. */
  public synchronized String ownerToken() {
    if (ownerToken == null || ownerTokenAt.plusSeconds(60).isBefore(Instant.now())) {
      ownerToken =
          DeviceLogin.tokensFor(
                  url(), AuthServiceProcess.OWNER_EMAIL, AuthServiceProcess.OWNER_PASSWORD)
              .accessToken();
      ownerTokenAt = Instant.now();
    }
    return ownerToken;
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
