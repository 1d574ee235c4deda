package dev.roberto.runtime;

import static io.restassured.RestAssured.given;

import dev.roberto.testsupport.auth.AuthServiceProcess;
import dev.roberto.testsupport.auth.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runtimes, releases and grants for the update tests, made through the real APIs: runtimes are
 * registered here, their credentials come from the real auth-service, and their access tokens from
 * its token endpoint.
 */
public final class UpdateFixtures {

  public static final String CHECK_UPDATES = "/api/runtime/check-updates";
  public static final String RELEASES = "/api/runtime/releases";
  public static final String GRANTS = "/api/runtime/grants";

  private UpdateFixtures() {}

  /** A registered runtime with its credential. */
  public record TestRuntime(String id, String clientId, String clientSecret) {

    /** Returns a fresh runtime access token from the client credentials grant. */
    public String token() {
      return given()
          .baseUri(AuthServiceProcess.shared().url())
          .auth()
          .preemptive()
          .basic(clientId, clientSecret)
          .contentType(ContentType.URLENC)
          .formParam("grant_type", "client_credentials")
          .when()
          .post("/oauth2/token")
          .then()
          .statusCode(200)
          .extract()
          .path("access_token");
    }
  }

  /** Returns a channel name no other test uses, so tests do not see each other's releases. */
  public static String uniqueChannel() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers a runtime in the test workspace, with the credential that registration returns. */
  public static TestRuntime registerRuntime() {
    JsonPath registered =
        given()
            .auth()
            .oauth2(TestUsers.accessToken("owner"))
            .contentType(ContentType.JSON)
            .body(Map.of("name", "host-" + UUID.randomUUID().toString().substring(0, 8)))
            .when()
            .post("/api/runtime/runtimes")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new TestRuntime(
        registered.getString("id"),
        registered.getString("credential.clientId"),
        registered.getString("credential.clientSecret"));
  }

  /** Creates a credential for a runtime id, registered here or not. */
  public static TestRuntime withCredential(String runtimeId) {
    JsonPath credential =
        given()
            .baseUri(AuthServiceProcess.shared().url())
            .auth()
            .oauth2(TestUsers.accessToken("owner"))
            .contentType(ContentType.JSON)
            .body(Map.of("runtimeId", runtimeId))
            .when()
            .post("/api/auth/runtime-credentials")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new TestRuntime(
        runtimeId, credential.getString("clientId"), credential.getString("clientSecret"));
  }

  /** A script's name and content. */
  public record Script(String name, String content) {

    public Map<String, Object> upload() {
      byte[] body = content.getBytes(StandardCharsets.UTF_8);
      Map<String, Object> upload = new LinkedHashMap<>();
      upload.put("name", name);
      upload.put("sha256", sha256Hex(body));
      upload.put("size", body.length);
      upload.put("content", Base64.getEncoder().encodeToString(body));
      return upload;
    }
  }

  public static Map<String, Object> releaseBody(
      String component, String channel, String version, int rolloutPercent, Script... scripts) {
    List<Map<String, Object>> uploads = new ArrayList<>();
    for (Script script : scripts) {
      uploads.add(script.upload());
    }
    Map<String, Object> body = new HashMap<>();
    body.put("component", component);
    body.put("channel", channel);
    body.put("version", version);
    body.put("rolloutPercent", rolloutPercent);
    body.put("scripts", uploads);
    return body;
  }

  /** Publishes a release as the admin with one script and returns its id. */
  public static String publish(
      String component, String channel, String version, int rolloutPercent) {
    return publish(
        releaseBody(
            component,
            channel,
            version,
            rolloutPercent,
            new Script("install.sh", "echo installing " + component + " " + version + "\n")));
  }

  public static String publish(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(RELEASES)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Sends check-updates for the runtime at {@code version} and one agent per entry. */
  public static Response check(
      TestRuntime runtime, String channel, String version, Map<String, String> agentVersions) {
    List<Map<String, String>> agents = new ArrayList<>();
    agentVersions.forEach(
        (agentId, agentVersion) ->
            agents.add(Map.of("agentId", agentId, "version", agentVersion, "channel", channel)));
    return given()
        .auth()
        .oauth2(runtime.token())
        .contentType(ContentType.JSON)
        .body(Map.of("runtime", Map.of("version", version, "channel", channel), "agents", agents))
        .when()
        .post(CHECK_UPDATES);
  }

  /** Returns the decision of a successful check. */
  public static JsonPath decision(
      TestRuntime runtime, String channel, String version, Map<String, String> agentVersions) {
    return check(runtime, channel, version, agentVersions)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Issues a grant as the admin and returns its token. */
  public static String grant(
      TestRuntime runtime, String agentId, String channel, String version, boolean rollback) {
    return issueGrant(runtime.id(), agentId, channel, version, rollback)
        .then()
        .statusCode(201)
        .extract()
        .path("grantToken");
  }

  public static Response issueGrant(
      String runtimeId, String agentId, String channel, String version, boolean rollback) {
    Map<String, Object> body = new HashMap<>();
    body.put("runtimeId", runtimeId);
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    body.put("channel", channel);
    body.put("targetVersion", version);
    body.put("rollback", rollback);
    return given()
        .auth()
        .oauth2(TestUsers.accessToken("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(GRANTS);
  }

  /** Sends an apply of the decision's agent (null for the runtime itself). */
  public static Response apply(
      TestRuntime runtime, String decisionId, String agentId, Boolean approved, String grant) {
    return apply(runtime.token(), decisionId, agentId, approved, grant);
  }

  public static Response apply(
      String runtimeToken, String decisionId, String agentId, Boolean approved, String grant) {
    Map<String, Object> body = new HashMap<>();
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    if (approved != null) {
      body.put("approved", approved);
    }
    if (grant != null) {
      body.put("grantToken", grant);
    }
    return given()
        .auth()
        .oauth2(runtimeToken)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/runtime/decisions/" + decisionId + "/apply");
  }

  /** Reports progress of the decision's apply for the agent (null for the runtime itself). */
  public static Response progress(
      TestRuntime runtime,
      String decisionId,
      String agentId,
      String state,
      String message,
      Integer exitCode) {
    Map<String, Object> body = new HashMap<>();
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    body.put("state", state);
    if (message != null) {
      body.put("message", message);
    }
    if (exitCode != null) {
      body.put("exitCode", exitCode);
    }
    return given()
        .auth()
        .oauth2(runtime.token())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/runtime/decisions/" + decisionId + "/progress");
  }

  public static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
