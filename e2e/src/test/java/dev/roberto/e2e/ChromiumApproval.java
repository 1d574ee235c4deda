package dev.roberto.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's approval of a device login in the web app, done in Debian's headless Chromium through
 * its ChromeDriver ({@code apt-get install chromium chromium-driver}): open the URL the client
 * printed, sign in, type the code, check which client requests access, approve.
 */
final class ChromiumApproval implements AutoCloseable {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final Path profile;
  private final WebDriver browser;
  private final WebDriverWait wait;

  ChromiumApproval() throws IOException {
    profile = Files.createTempDirectory("roberto-e2e-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // No sandbox because CI runs as root; the other flags keep Chromium from calling hosts other
    // than the loopback web app.
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
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  /**
   * Approves the login whose verification URL and user code a client printed, and returns the
   * client name and control plane URL that the confirm page showed before the click.
   */
  ConfirmPage approve(String verificationUrl, String userCode, String email, String password) {
    browser.get(verificationUrl);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("sign-in")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user_code")));
    browser.findElement(By.id("user_code")).sendKeys(userCode);
    browser.findElement(By.id("continue")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
    ConfirmPage page =
        new ConfirmPage(
            browser.findElement(By.id("client")).getText(),
            browser.findElement(By.id("control-plane")).getText());
    browser.findElement(By.id("approve")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    return page.withResult(browser.findElement(By.id("result")).getText());
  }

  /** What the confirm page showed, and the heading of the page after the click. */
  record ConfirmPage(String client, String controlPlane, String result) {
    ConfirmPage(String client, String controlPlane) {
      this(client, controlPlane, null);
    }

    ConfirmPage withResult(String resultHeading) {
      return new ConfirmPage(client, controlPlane, resultHeading);
    }
  }

  @Override
  public void close() throws IOException {
    browser.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
