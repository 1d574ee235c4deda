package dev.roberto.runtime.update;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.runtime.UpdateFixtures;
import dev.roberto.runtime.UpdateFixtures.Script;
import dev.roberto.runtime.UpdateFixtures.TestRuntime;
import dev.roberto.testsupport.auth.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Script downloads: only a runtime token and only a signed, unexpired URL of a current decision.
 */
@QuarkusTest
class ScriptDownloadTest {

  private static final String AGENT = "agent-1";
  private static final String SCRIPT = "#!/bin/sh\necho upgraded > marker\n";

  @Inject ScriptUrlSigner signer;

  @Test
  void runtimeDownloadsScriptOfItsDecision() {
    Offer offer = Offer.create();

    byte[] body =
        download(offer.runtime.token(), offer.url)
            .then()
            .statusCode(200)
            .contentType("application/octet-stream")
            .header("X-Script-SHA256", offer.sha256)
            .header("Cache-Control", "no-store")
            .extract()
            .asByteArray();

    assertArrayEquals(SCRIPT.getBytes(StandardCharsets.UTF_8), body);
    assertEquals(UpdateFixtures.sha256Hex(body), offer.sha256);
  }

  @Test
  void downloadNeedsRuntimeToken() {
    Offer offer = Offer.create();

    given()
        .when()
        .get(pathAndQuery(offer.url))
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("runtime_token_invalid"))
        .body("hint", containsString("grant_type=client_credentials"));
    download("not-a-token", offer.url)
        .then()
        .statusCode(401)
        .body("code", equalTo("runtime_token_invalid"));
    download(TestUsers.accessToken("owner"), offer.url)
        .then()
        .statusCode(403)
        .body("code", equalTo("runtime_token_invalid"));
  }

  @Test
  void changedPathIsRefused() {
    Offer offer = Offer.create();
    URI original = URI.create(offer.url);
    String otherScript =
        original.getPath().replaceAll("/scripts/.*", "/scripts/" + UUID.randomUUID());
    String otherDecision =
        original.getPath().replace(offer.decisionId, UUID.randomUUID().toString());

    for (String path : new String[] {otherScript, otherDecision}) {
      download(offer.runtime.token(), path + "?" + original.getRawQuery())
          .then()
          .statusCode(403)
          .body("code", equalTo("script_url_invalid"))
          .body("hint", containsString("roberto runtime check-updates"));
    }
  }

  @Test
  void changedSignatureOrExpiryIsRefused() {
    Offer offer = Offer.create();
    URI original = URI.create(offer.url);
    long expires = Long.parseLong(query(original, "expires"));
    String signature = query(original, "signature");
    String later = original.getPath() + "?expires=" + (expires + 3600) + "&signature=" + signature;
    String flipped =
        original.getPath()
            + "?expires="
            + expires
            + "&signature="
            + (signature.charAt(0) == 'A' ? 'B' : 'A')
            + signature.substring(1);
    String unsigned = original.getPath() + "?expires=" + expires;

    for (String url : new String[] {later, flipped, unsigned}) {
      download(offer.runtime.token(), url)
          .then()
          .statusCode(403)
          .body("code", equalTo("script_url_invalid"));
    }
  }

  @Test
  void expiredSignatureIsRefused() {
    Offer offer = Offer.create();
    URI original = URI.create(offer.url);
    UUID scriptId = UUID.fromString(original.getPath().replaceAll(".*/scripts/", ""));
    // Signed like the service signs, but for a moment that has passed.
    Instant past = Instant.now().minusSeconds(5);
    String signature =
        signer.sign(
            UUID.fromString(offer.runtime.id()), UUID.fromString(offer.decisionId), scriptId, past);

    download(
            offer.runtime.token(),
            original.getPath() + "?expires=" + past.getEpochSecond() + "&signature=" + signature)
        .then()
        .statusCode(403)
        .body("code", equalTo("script_url_invalid"))
        .body("detail", containsString("expired"));
  }

  @Test
  void otherRuntimeCannotUseUrl() {
    Offer offer = Offer.create();
    TestRuntime other = UpdateFixtures.registerRuntime();

    download(other.token(), offer.url)
        .then()
        .statusCode(403)
        .body("code", equalTo("script_url_invalid"));
  }

  @Test
  void supersededDecisionUrlIsRefused() {
    Offer offer = Offer.create();
    UpdateFixtures.decision(offer.runtime, offer.channel, "1.0.0", Map.of(AGENT, "1.0.0"));

    download(offer.runtime.token(), offer.url)
        .then()
        .statusCode(403)
        .body("code", equalTo("script_url_invalid"))
        .body("detail", containsString("no longer current"));
  }

  private static Response download(String token, String url) {
    return given().auth().oauth2(token).when().get(pathAndQuery(url));
  }

  /** Returns the path and query of an absolute URL; rest-assured sends it to the test server. */
  private static String pathAndQuery(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null
        ? uri.getRawPath()
        : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  private static String query(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError("No " + name + " in " + uri);
  }

  /** A runtime offered an agent update with one script, and that script's URL. */
  private record Offer(
      TestRuntime runtime, String channel, String decisionId, String url, String sha256) {

    static Offer create() {
      String channel = UpdateFixtures.uniqueChannel();
      UpdateFixtures.publish(
          UpdateFixtures.releaseBody("agent", channel, "1.1.0", 100, new Script("up.sh", SCRIPT)));
      TestRuntime runtime = UpdateFixtures.registerRuntime();
      JsonPath decision =
          UpdateFixtures.decision(runtime, channel, "1.0.0", Map.of(AGENT, "1.0.0"));
      return new Offer(
          runtime,
          channel,
          decision.getString("decisionId"),
          decision.getString("agents[0].scripts[0].url"),
          decision.getString("agents[0].scripts[0].sha256"));
    }
  }
}
