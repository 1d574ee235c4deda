package dev.roberto.auth.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.WebBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.response.Response;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Upstream sign-in of an unknown person when sign-up is disabled. */
@QuarkusTest
@TestProfile(UpstreamSignupDisabledTest.UpstreamWithoutSignup.class)
class UpstreamSignupDisabledTest {

  @TestHTTPResource("/")
  URL root;

  @OidcWireMock WireMockServer provider;

  @Test
  void unknownPersonGetsNoAccount() {
    String subject = UUID.randomUUID().toString();
    String email = "nosignup-" + subject + "@upstream.test";
    UpstreamSignInTest.providerSignsIn(provider, subject, email, "No Signup");
    WebBrowser browser = new WebBrowser(WebTestSteps.baseUri(root));

    Response landed = UpstreamSignInTest.signInUpstream(provider, browser, "/device");

    assertEquals(403, landed.statusCode());
    assertThat(landed.asString(), containsString("Account does not exist"));
    assertTrue(browser.cookie("roberto_session").isEmpty());
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM user_account WHERE email = ?", email));
    assertEquals(
        0, TestDatabase.count("SELECT count(*) FROM upstream_identity WHERE subject = ?", subject));
  }

  /** The upstream provider configured, and sign-up switched off. */
  public static class UpstreamWithoutSignup extends UpstreamSignInTest.UpstreamConfigured {

    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
      overrides.put("roberto.auth.signup.enabled", "false");
      return overrides;
    }
  }
}
