package dev.roberto.auth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.SeededAccounts;
import dev.roberto.auth.SeededAccounts.TestAccount;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.DeviceLogin.DeviceCode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The device login as a person does it in a real browser: Debian's headless Chromium, driven
 * through its ChromeDriver, on loopback only.
 */
@QuarkusTest
class BrowserLoginTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  @TestHTTPResource("/")
  URL root;

  private WebDriver browser;
  private Path profile;

  @BeforeEach
  void startChromium() throws IOException {
    profile = Files.createTempDirectory("roberto-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // No sandbox because tests run as root; the other flags stop Chromium from calling
    // outside hosts, which this closed network would not reach anyway.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopChromium() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  @Test
  void deviceLoginInChromium() {
    String baseUri = WebTestSteps.baseUri(root);
    TestAccount account = SeededAccounts.create("Browser workspace");
    DeviceCode code = DeviceLogin.start(baseUri, "cli");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(baseUri + DeviceLogin.localPath(code.verificationUri()));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
    browser.findElement(By.id("email")).sendKeys(account.email());
    browser.findElement(By.id("password")).sendKeys(SeededAccounts.PASSWORD);
    browser.findElement(By.id("sign-in")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user_code")));
    String typed = code.userCode().toLowerCase(Locale.ROOT).replace("-", " ");
    browser.findElement(By.id("user_code")).sendKeys(typed);
    browser.findElement(By.id("continue")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
    assertEquals("Roberto CLI", browser.findElement(By.id("client")).getText());
    browser.findElement(By.id("approve")).click();

    wait.until(ExpectedConditions.textToBe(By.id("result"), "Device connected"));
    Response poll = DeviceLogin.poll(baseUri, code.deviceCode());
    assertEquals(200, poll.statusCode());
    assertTrue(poll.<String>path("accessToken").split("\\.").length == 3);
  }
}
