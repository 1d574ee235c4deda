package dev.roberto.auth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Failed password sign-ins are limited, in the test profile, to 4 per account and 8 per client
 * address within 15 minutes. The test profile trusts X-Forwarded-For, so each test signs in from
 * addresses of its own and other tests' failures from 127.0.0.1 do not count here.
 */
@QuarkusTest
class PasswordFailureLimitTest {

  private static final String WRONG_PASSWORD = "not the password";
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  @TestHTTPResource("/")
  URL root;

  @Test
  void accountBlockedAfterFourFailures() {
    TestAccount account = SeededAccounts.create("Guessed account");
    String address = newAddress();
    for (int i = 1; i <= 4; i++) {
      assertEquals(401, signIn(account.email(), WRONG_PASSWORD, address).statusCode(), "try " + i);
    }

    Response blocked = signIn(account.email(), SeededAccounts.PASSWORD, newAddress());

    assertEquals(429, blocked.statusCode(), "blocked even for the right password elsewhere");
    assertThat(blocked.asString(), containsString("Too many failed sign-ins"));
    long retryAfter = Long.parseLong(blocked.header("Retry-After"));
    assertThat(retryAfter, greaterThan(0L));
    assertThat(retryAfter, lessThanOrEqualTo(15 * 60L));
  }

  @Test
  void addressBlockedAcrossAccounts() {
    String address = newAddress();
    for (int i = 1; i <= 8; i++) {
      TestAccount account = SeededAccounts.create("Sprayed account " + i);
      assertEquals(401, signIn(account.email(), WRONG_PASSWORD, address).statusCode(), "try " + i);
    }
    TestAccount untouched = SeededAccounts.create("Untouched account");

    Response blocked = signIn(untouched.email(), SeededAccounts.PASSWORD, address);

    assertEquals(429, blocked.statusCode());
    assertThat(blocked.asString(), containsString("Too many failed sign-ins"));
    assertEquals(
        303, signIn(untouched.email(), SeededAccounts.PASSWORD, newAddress()).statusCode());
  }

  @Test
  void rightPasswordsDoNotCount() {
    TestAccount account = SeededAccounts.create("Frequent account");
    String address = newAddress();
    for (int i = 1; i <= 10; i++) {
      assertEquals(
          303, signIn(account.email(), SeededAccounts.PASSWORD, address).statusCode(), "try " + i);
    }

    assertEquals(401, signIn(account.email(), WRONG_PASSWORD, address).statusCode());
  }

  @Test
  void successElsewhereKeepsAddressBlocked() {
    String blockedAddress = newAddress();
    String otherAddress = newAddress();
    TestAccount victim = SeededAccounts.create("Victim account");
    for (int i = 1; i <= 8; i++) {
      TestAccount account = SeededAccounts.create("Probed account " + i);
      signIn(account.email(), WRONG_PASSWORD, blockedAddress);
    }

    assertEquals(303, signIn(victim.email(), SeededAccounts.PASSWORD, otherAddress).statusCode());

    assertEquals(429, signIn(victim.email(), SeededAccounts.PASSWORD, blockedAddress).statusCode());
    assertEquals(303, signIn(victim.email(), SeededAccounts.PASSWORD, otherAddress).statusCode());
  }

  /** Opens the sign-in page and posts it from the address, as a browser behind a proxy would. */
  private Response signIn(String email, String password, String address) {
    String base = WebTestSteps.baseUri(root);
    String csrf =
        given()
            .baseUri(base)
            .header("X-Forwarded-For", address)
            .get("/sign-in")
            .cookie("roberto_csrf");
    return given()
        .baseUri(base)
        .redirects()
        .follow(false)
        .header("X-Forwarded-For", address)
        .cookie(CsrfTokens.COOKIE, csrf)
        .formParams(
            Map.of("email", email, "password", password, CsrfTokens.FIELD, csrf, "next", "/device"))
        .post("/sign-in");
  }

  /** Returns an address of the 198.18.0.0/15 test range that no other test of this run uses. */
  private static String newAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "198.18." + (n / 250) + "." + (n % 250 + 1);
  }
}
