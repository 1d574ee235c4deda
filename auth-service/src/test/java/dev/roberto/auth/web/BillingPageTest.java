package dev.roberto.auth.web;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import org.junit.jupiter.api.Test;

/** The billing settings page reads the workspace's newest billing-synced snapshot. */
@QuarkusTest
class BillingPageTest {

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
  void pageShowsSnapshotAndLinks() {
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
    assertThat(
        page, containsString("http://127.0.0.1:8082/billing/checkout?workspace=" + workspaceId));
    assertThat(
        page, containsString("http://127.0.0.1:8082/billing/portal?workspace=" + workspaceId));
  }

  private WebBrowser signIn(TestAccount account) {
    return WebBrowser.signIn(WebTestSteps.baseUri(root), account.email(), SeededAccounts.PASSWORD);
  }
}
