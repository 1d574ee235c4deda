package dev.roberto.auth.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through an upstream OpenID provider, with WireMock (OidcWiremockTestResource, on
 * loopback) as the provider. The test replaces the provider's token response to choose the person
 * who signs in.
 */
@QuarkusTest
@TestProfile(UpstreamSignInTest.UpstreamConfigured.class)
class UpstreamSignInTest {

  static final String CLIENT_ID = "roberto-test";

  @TestHTTPResource("/")
  URL root;

  @OidcWireMock WireMockServer provider;

  @Test
  void signInPageOffersProvider() {
    WebBrowser browser = new WebBrowser(WebTestSteps.baseUri(root));

    String page = browser.get("/sign-in").asString();

    assertThat(page, containsString("Sign in with Test Provider"));
  }

  @Test
  void firstSignInCreatesAccount() {
    String subject = UUID.randomUUID().toString();
    String email = "first-" + subject + "@upstream.test";
    providerSignsIn(provider, subject, email, "First Upstream");
    WebBrowser browser = new WebBrowser(WebTestSteps.baseUri(root));

    Response landed = signInUpstream(provider, browser, "/device");

    assertEquals(200, landed.statusCode());
    assertThat(landed.asString(), containsString("First Upstream"));
    assertTrue(browser.cookie("roberto_session").isPresent(), "signed in to the web app");
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM user_account WHERE email = ?", email));
    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM upstream_identity i JOIN user_account a ON a.id = i.user_id"
                + " WHERE i.subject = ? AND a.email = ?",
            subject,
            email));
  }

  @Test
  void secondSignInReusesAccount() {
    String subject = UUID.randomUUID().toString();
    String email = "second-" + subject + "@upstream.test";
    String changedEmail = "changed-" + subject + "@upstream.test";
    providerSignsIn(provider, subject, email, "Second Upstream");
    signInUpstream(provider, new WebBrowser(WebTestSteps.baseUri(root)), "/device");

    providerSignsIn(provider, subject, changedEmail, "Second Upstream");
    WebBrowser again = new WebBrowser(WebTestSteps.baseUri(root));
    Response landed = signInUpstream(provider, again, "/device");

    assertEquals(200, landed.statusCode());
    assertTrue(again.cookie("roberto_session").isPresent(), "signed in to the web app");
    assertEquals(
        0, TestDatabase.count("SELECT count(*) FROM user_account WHERE email = ?", changedEmail));
    assertEquals(
        1, TestDatabase.count("SELECT count(*) FROM upstream_identity WHERE subject = ?", subject));
    assertEquals(
        2,
        TestDatabase.count(
            "SELECT count(*) FROM web_session s JOIN user_account a ON a.id = s.user_id"
                + " WHERE a.email = ?",
            email),
        "both sign-ins opened a session for the same account");
  }

  @Test
  void existingAccountLinkedByEmail() {
    String subject = UUID.randomUUID().toString();
    String email = "local-" + subject + "@upstream.test";
    given()
        .baseUri(WebTestSteps.baseUri(root))
        .contentType("application/json")
        .body(Map.of("email", email, "password", "a-long-test-password", "displayName", "Local"))
        .post("/api/auth/signup")
        .then()
        .statusCode(201);
    providerSignsIn(provider, subject, email, "Local At Upstream");

    Response landed =
        signInUpstream(provider, new WebBrowser(WebTestSteps.baseUri(root)), "/device");

    assertEquals(200, landed.statusCode());
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM user_account WHERE email = ?", email));
    assertEquals(
        1, TestDatabase.count("SELECT count(*) FROM upstream_identity WHERE subject = ?", subject));
  }

  @Test
  void unverifiedEmailRejected() {
    String subject = UUID.randomUUID().toString();
    String email = "unverified-" + subject + "@upstream.test";
    providerSignsIn(provider, subject, email, "Unverified", false);
    WebBrowser browser = new WebBrowser(WebTestSteps.baseUri(root));

    Response landed = signInUpstream(provider, browser, "/device");

    assertEquals(403, landed.statusCode());
    assertThat(landed.asString(), containsString("did not send a verified email address"));
    assertTrue(browser.cookie("roberto_session").isEmpty());
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM user_account WHERE email = ?", email));
  }

  @Test
  void deviceLoginApprovedAfterUpstreamSignIn() {
    String baseUri = WebTestSteps.baseUri(root);
    String subject = UUID.randomUUID().toString();
    String email = "device-" + subject + "@upstream.test";
    providerSignsIn(provider, subject, email, "Device Upstream");
    DeviceLogin.DeviceCode code = DeviceLogin.start(baseUri, "cli");
    WebBrowser browser = new WebBrowser(baseUri);

    Response codePage =
        signInUpstream(provider, browser, DeviceLogin.localPath(code.verificationUriComplete()));
    assertEquals(200, codePage.statusCode());
    assertThat(codePage.asString(), containsString(code.userCode()));
    WebBrowser.ConfirmPage confirm = browser.enterCode(code.userCode());
    browser.approve(confirm, confirm.firstWorkspaceId());
    Response poll = DeviceLogin.poll(baseUri, code.deviceCode());

    assertEquals(200, poll.statusCode());
    String accessToken = poll.as(DeviceLogin.Tokens.class).accessToken();
    given()
        .baseUri(baseUri)
        .auth()
        .oauth2(accessToken)
        .get("/api/auth/whoami")
        .then()
        .statusCode(200)
        .body("email", org.hamcrest.Matchers.equalTo(email));
  }

  /**
   * Opens the upstream sign-in, follows the redirects to the provider's login form, submits it as a
   * browser would, and follows the redirects back; returns the first response that is not a
   * redirect.
   */
  static Response signInUpstream(WireMockServer provider, WebBrowser browser, String next) {
    Response loginForm =
        followRedirects(
            browser,
            // rest-assured encodes the query itself, so next goes in as plain text.
            browser.get("/sign-in/upstream/start?next=" + next));
    assertEquals(200, loginForm.statusCode(), "the provider shows its login form");

    // The form's redirect_uri value is already URL-encoded, so it goes into the query as it is.
    Response loggedIn =
        given()
            .urlEncodingEnabled(false)
            .redirects()
            .follow(false)
            .get(
                provider.baseUrl()
                    + "/login?username=person&password=secret&state="
                    + formValue(loginForm, "state")
                    + "&redirect_uri="
                    + formValue(loginForm, "redirect_uri"));
    assertEquals(302, loggedIn.statusCode(), "the provider returns to auth-service");
    return followRedirects(browser, browser.get(loggedIn.header("Location")));
  }

  private static Response followRedirects(WebBrowser browser, Response response) {
    for (int hop = 0; hop < 10 && isRedirect(response.statusCode()); hop++) {
      response = browser.get(response.header("Location"));
    }
    return response;
  }

  private static String formValue(Response page, String name) {
    Matcher matcher =
        Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page.asString());
    assertTrue(matcher.find(), "the provider's form has " + name);
    return matcher.group(1);
  }

  private static boolean isRedirect(int status) {
    return status == 302 || status == 303 || status == 307;
  }

  static void providerSignsIn(WireMockServer provider, String subject, String email, String name) {
    providerSignsIn(provider, subject, email, name, true);
  }

  /** Makes the provider's token endpoint return an ID token for this person. */
  static void providerSignsIn(
      WireMockServer provider, String subject, String email, String name, boolean emailVerified) {
    String idToken =
        Jwt.issuer(provider.baseUrl() + "/auth/realms/quarkus")
            .subject(subject)
            .audience(CLIENT_ID)
            .claim("email", email)
            .claim("email_verified", emailVerified)
            .claim("name", name)
            .expiresIn(300)
            .jws()
            .keyId("1")
            .sign("privateKey.jwk");
    String accessToken = OidcWiremockTestResource.getAccessToken("alice", Set.of("user"));
    provider.stubFor(
        post("/auth/realms/quarkus/token")
            .withRequestBody(containing("authorization_code"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\":\""
                            + accessToken
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                            + idToken
                            + "\"}")));
  }

  /** The upstream provider configured against the WireMock provider. */
  public static class UpstreamConfigured implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "roberto.auth.upstream.enabled", "true",
          "roberto.auth.upstream.name", "Test Provider",
          "roberto.auth.upstream.url", "${keycloak.url}/realms/quarkus/",
          "roberto.auth.upstream.client-id", CLIENT_ID,
          "roberto.auth.upstream.client-secret", "test-secret",
          // The WireMock discovery document names another issuer than the test's ID tokens.
          "quarkus.oidc.upstream.token.issuer", "any");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
    }
  }
}
