package dev.roberto.auth.web;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.events.Entitlements;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.WebBrowser;
import dev.roberto.testsupport.kafka.TestEvents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The billing settings page reads the workspace's newest billing-synced snapshot and offers owners
 * and admins the Stripe buttons. billing-service is not running in these tests (the test profile
 * points at a closed port); the module integration-tests drives the buttons against a real one.
 */
@QuarkusTest
class BillingPageTest {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  @TestHTTPResource("/")
  URL root;

  @Test
  void pageNeedsSignIn() {
    Response response = new WebBrowser(WebTestSteps.baseUri(root)).get("/settings/billing");

    assertEquals(303, response.statusCode());
    assertThat(response.header("Location"), containsString("/sign-in"));
  }

  @Test
  void pageBeforeFirstSnapshot() {
    TestAccount account = SeededAccounts.create("Unbilled workspace");
    WebBrowser browser = signIn(account);

    String page = browser.get("/settings/billing").asString();

    assertThat(page, containsString("Unbilled workspace"));
    assertThat(page, containsString("has not reported"));
  }

  @Test
  void ownerSeesSnapshotAndButtons() {
    TestAccount account = SeededAccounts.create("Billed workspace");
    String workspaceId = account.firstWorkspace().toString();
    TestEvents.publish(
        TestEvents.billingSynced(
            workspaceId, 4, new Entitlements(true, true, false, false), 12_340_000));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM workspace_billing WHERE workspace_id = ?",
                        workspaceId)
                    == 1);
    WebBrowser browser = signIn(account);

    String page = browser.get("/settings/billing").asString();

    assertThat(page, containsString("starter"));
    assertThat(page, containsString("12.34"));
    assertThat(page, containsString("not allowed"));
    assertThat(page, containsString("action=\"/settings/billing/checkout\""));
    assertThat(page, containsString("Choose a plan"));
    assertThat(page, containsString("action=\"/settings/billing/credits-checkout\""));
    assertThat(page, containsString("Buy credits"));
    assertThat(page, containsString("action=\"/settings/billing/portal\""));
    assertThat(page, containsString("Manage billing"));
    assertThat(page, containsString("action=\"/settings/billing/setup\""));
    assertThat(page, containsString("Add a payment method"));
    assertThat(page, containsString("name=\"workspace\" value=\"" + workspaceId + "\""));
  }

  @Test
  void memberSeesNoButtons() {
    TestAccount owner = SeededAccounts.create("Member workspace");
    TestAccount member = SeededAccounts.create();
    SeededAccounts.addMember(owner.firstWorkspace(), member.userId(), "member");
    WebBrowser browser = signIn(member);

    String page = browser.get("/settings/billing").asString();

    assertThat(page, containsString("Member workspace"));
    assertThat(page, containsString("Only owners and admins"));
    assertThat(page, not(containsString("/settings/billing/checkout")));
    assertThat(page, not(containsString("Buy credits")));
    assertThat(page, not(containsString("Manage billing")));
  }

  @Test
  void memberPostIsForbidden() {
    TestAccount owner = SeededAccounts.create("Guarded workspace");
    TestAccount member = SeededAccounts.create();
    SeededAccounts.addMember(owner.firstWorkspace(), member.userId(), "member");
    WebBrowser browser = signIn(member);
    String csrf = csrfOf(browser.get("/settings/billing").asString());

    Response response =
        browser.post(
            "/settings/billing/checkout",
            Map.of("workspace", owner.firstWorkspace().toString(), "csrf-token", csrf));

    assertEquals(403, response.statusCode());
    assertThat(response.asString(), containsString("Only owners and admins"));
    assertThat(response.asString(), not(containsString("Choose a plan")));
  }

  @Test
  void adminSeesButtons() {
    TestAccount owner = SeededAccounts.create("Admin workspace");
    TestAccount admin = SeededAccounts.create();
    SeededAccounts.addMember(owner.firstWorkspace(), admin.userId(), "admin");
    WebBrowser browser = signIn(admin);

    String page = browser.get("/settings/billing").asString();

    assertThat(page, containsString("Choose a plan"));
    assertThat(page, containsString("Buy credits"));
  }

  @Test
  void postWithoutCsrfTokenIsRejected() {
    TestAccount account = SeededAccounts.create("Forged workspace");
    WebBrowser browser = signIn(account);
    browser.get("/settings/billing");

    Response response =
        browser.post(
            "/settings/billing/portal",
            Map.of("workspace", account.firstWorkspace().toString(), "csrf-token", "forged"));

    assertEquals(403, response.statusCode());
    assertThat(response.asString(), containsString("Form expired"));
  }

  @Test
  void billingServiceDownShowsMessage() {
    TestAccount account = SeededAccounts.create("Unreachable billing");
    WebBrowser browser = signIn(account);
    String csrf = csrfOf(browser.get("/settings/billing").asString());

    Response response =
        browser.post(
            "/settings/billing/checkout",
            Map.of("workspace", account.firstWorkspace().toString(), "csrf-token", csrf));

    assertEquals(503, response.statusCode());
    String page = response.asString();
    assertThat(page, containsString("Billing unavailable"));
    assertThat(page, containsString("Try again in a minute"));
    assertThat(page, containsString("Choose a plan"));
    assertThat(page, not(containsString("Exception")));
  }

  @Test
  void invalidCreditsAmountIsExplained() {
    TestAccount account = SeededAccounts.create("Credits workspace");
    WebBrowser browser = signIn(account);
    String csrf = csrfOf(browser.get("/settings/billing").asString());

    for (String amount : new String[] {"", "20.50", "-5", "1234567890"}) {
      Response response =
          browser.post(
              "/settings/billing/credits-checkout",
              Map.of(
                  "workspace",
                  account.firstWorkspace().toString(),
                  "amount",
                  amount,
                  "csrf-token",
                  csrf));

      assertEquals(400, response.statusCode(), "amount '" + amount + "'");
      assertThat(response.asString(), containsString("whole number of cents"));
    }
  }

  @Test
  void postForForeignWorkspaceIsForbidden() {
    TestAccount account = SeededAccounts.create("Own workspace");
    TestAccount stranger = SeededAccounts.create("Stranger workspace");
    WebBrowser browser = signIn(account);
    String csrf = csrfOf(browser.get("/settings/billing").asString());

    Response response =
        browser.post(
            "/settings/billing/portal",
            Map.of("workspace", stranger.firstWorkspace().toString(), "csrf-token", csrf));

    assertEquals(403, response.statusCode());
    assertThat(response.asString(), containsString("not a member"));
  }

  private WebBrowser signIn(TestAccount account) {
    return WebBrowser.signIn(WebTestSteps.baseUri(root), account.email(), SeededAccounts.PASSWORD);
  }

  private static String csrfOf(String page) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new IllegalStateException("The page has no CSRF token");
    }
    return matcher.group(1);
  }
}
