package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.job.JobInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Search, project admin and sign-out in a real headless Chromium. */
class UiSearchAdminIT {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static WebDriver browser;

  @TempDir Path dir;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = Chromium.start("UiSearchAdminIT");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void searchByMetadataFindsTheTaggedJobAndFile() throws IOException {
    TestProject project = SERVER.newProject();
    JobInfo job =
        project
            .admin()
            .jobs()
            .submit(JobSpec.builder().name("tagged-run").command("true").outputPath("o").build());
    project.admin().meta().updateJobMeta(job.id(), List.of("golden"), Map.of("score", 7));
    Files.writeString(dir.resolve("w.bin"), "weights");
    project.admin().files().upload(Map.of(dir.resolve("w.bin").toString(), "/models/w.bin"));
    project.admin().meta().updateFileMeta("/models/w.bin", List.of("golden"), Map.of());
    signIn(project.adminToken());

    browser.get(SERVER.endpoint() + "/ui/search");
    browser.findElement(By.id("k0")).sendKeys("tags");
    browser.findElement(By.id("v0")).sendKeys("golden");
    browser.findElement(By.id("k1")).sendKeys("score");
    new Select(browser.findElement(By.id("c1"))).selectByValue("range");
    browser.findElement(By.id("v1")).sendKeys("6");
    browser.findElement(By.id("e1")).sendKeys("7");
    browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
    settle().until(ExpectedConditions.urlContains("type=job"));

    assertThat(browser.getCurrentUrl()).contains("type=job", "k0=tags", "v0=golden", "c1=range");
    assertThat(browser.findElement(By.id("results")).getText()).contains(Long.toString(job.id()));
    Chromium.screenshot(browser, "ui-search.png");
    String shared = browser.getCurrentUrl();
    browser.findElement(By.cssSelector("#results a")).click();
    settle().until(ExpectedConditions.urlContains("/ui/jobs/" + job.id()));
    assertThat(browser.getCurrentUrl()).endsWith("/ui/jobs/" + job.id());
    browser.get(shared.replace("type=job", "type=file").replace("&k1=score", "&k1="));
    assertThat(browser.findElement(By.cssSelector("#results a")).getAttribute("href"))
        .contains("/ui/file?path=%2Fmodels%2Fw.bin");
  }

  @Test
  void aProjectAdminCreatesAUserAndRotatesItsTokenThenSignsOut() throws IOException {
    TestProject project = SERVER.newProject();
    signIn(project.adminToken());

    browser.findElement(By.linkText("Admin")).click();
    settle()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("user_name")))
        .sendKeys("dora");
    browser.findElement(By.id("create-user")).click();
    String first = newToken("");
    assertThat(AcaiClient.connect(SERVER.endpoint(), first).identity().whoami().userName())
        .isEqualTo("dora");
    settle()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr[data-user=dora] button.rotate")))
        .click();
    String second = newToken(first);
    Chromium.screenshot(browser, "ui-admin.png");

    assertThat(second).isNotEqualTo(first);
    assertThat(browser.getCurrentUrl()).doesNotContain(first).doesNotContain(second);
    assertThatThrownBy(() -> AcaiClient.connect(SERVER.endpoint(), first).identity().whoami())
        .isInstanceOf(NotAuthenticatedException.class);
    assertThat(AcaiClient.connect(SERVER.endpoint(), second).identity().whoami().userName())
        .isEqualTo("dora");
    browser.get(SERVER.endpoint() + "/ui/admin");
    assertThat(browser.getPageSource()).contains("dora").doesNotContain(second);
    assertThat(browser.findElements(By.id("new-token"))).isEmpty();

    Cookie old = browser.manage().getCookieNamed("acai_session");
    browser.findElement(By.cssSelector(".who button")).click();
    // The click returns before the sign-out's answer: replay only once it has landed.
    settle().until(ExpectedConditions.urlContains("/ui/login"));
    HttpResponse<String> replay =
        UiSession.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/ui/admin"))
                .header("Cookie", "acai_session=" + old.getValue())
                .build());
    assertThat(replay.statusCode()).isEqualTo(303);
    assertThat(replay.headers().firstValue("Location")).hasValue("/ui/login");
  }

  /** The token the page shows once, when it has replaced the page that showed {@code previous}. */
  private static String newToken(String previous) {
    return settle()
        .until(
            driver -> {
              String shown = driver.findElement(By.id("new-token")).getText();
              return shown.isBlank() || shown.equals(previous) ? null : shown;
            });
  }

  /** Waits up to 20 s, through page loads (stale or not-yet-present elements). */
  private static WebDriverWait settle() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
    return wait;
  }

  private static void signIn(String token) {
    browser.manage().deleteAllCookies();
    browser.get(SERVER.endpoint() + "/ui/login");
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    settle().until(ExpectedConditions.urlContains("/ui/jobs"));
    assertThat(browser.getCurrentUrl()).endsWith("/ui/jobs");
  }
}
