package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.acai.api.job.JobInfo;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless Chromium (Debian's chromium + chromedriver). */
class UiBrowserIT {
  private static final String WORDCOUNT =
      "import sys, collections, os\n"
          + "counts = collections.Counter(w for line in sys.stdin for w in line.split())\n"
          + "with open(os.path.join(sys.argv[1], 'wordcount.txt'), 'w') as out:\n"
          + "    out.write(''.join(f'{w} {c}\\n' for w, c in counts.most_common()))\n";

  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static WebDriver browser;
  private static Path scratch;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = Chromium.start("UiBrowserIT");
    scratch = Files.createTempDirectory("acai-ui-it");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void signInWatchAJobFinishLiveAndReadItsLog() throws IOException {
    TestProject project = SERVER.newProject();
    browser.get(SERVER.endpoint() + "/");
    assertThat(browser.getCurrentUrl()).endsWith("/ui/login");
    screenshot("ui-login.png");
    submitToken(project);
    assertThat(browser.getPageSource()).doesNotContain(project.adminToken());

    JobInfo job =
        project
            .admin()
            .jobs()
            .submit(
                JobSpec.builder()
                    .name("count-slowly")
                    .command(
                        "for i in $(seq 1 15); do echo line $i; sleep 1; done;"
                            + " mkdir -p out; echo 42 > out/answer.txt")
                    .outputPath("out")
                    .build());
    browser.get(SERVER.endpoint() + "/ui/jobs/" + job.id());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "RUNNING"));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "FINISHED"));

    assertThat(browser.findElement(By.id("log")).getText()).contains("line 1", "line 4");
    assertThat(browser.findElement(By.id("output")).getText()).startsWith("job_");
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("RUNNING", "FINISHED");
    screenshot("ui-job.png");
    browser.get(SERVER.endpoint() + "/ui/jobs");
    assertThat(browser.findElement(By.id("jobs")).getText()).contains("count-slowly", "FINISHED");
    screenshot("ui-jobs.png");

    signOut();
    browser.get(SERVER.endpoint() + "/ui/jobs");
    assertThat(browser.getCurrentUrl()).endsWith("/ui/login");
  }

  @Test
  void uploadFilesMakeAFileSetAndFollowTheLineageOfTheWordCountOutput() throws IOException {
    TestProject project = SERVER.newProject();
    signIn(project);
    Path a = Files.writeString(scratch.resolve("a.txt"), "to be or not to be\n");
    Path b = Files.writeString(scratch.resolve("b.txt"), "be quick\n");
    browser.get(SERVER.endpoint() + "/ui/files");
    browser.findElement(By.id("new-dir-path")).sendKeys("texts");
    browser.findElement(By.cssSelector("#new-dir button")).click();
    // The form loads the directory's page: wait for it, or the picker found is the old page's.
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.attributeContains(By.id("upload"), "data-dir", "texts"));
    browser.findElement(By.id("picker")).sendKeys(a + "\n" + b);
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("entries"), "b.txt"));
    browser.findElement(By.linkText("a.txt")).click();
    assertThat(shown(By.id("versions")).getText()).contains("/texts/a.txt:1", "19 B");
    screenshot("ui-file.png");

    browser.get(SERVER.endpoint() + "/ui/sets");
    browser.findElement(By.id("set-name")).sendKeys("texts");
    browser.findElement(By.id("set-members")).sendKeys("/texts/a.txt\n/texts/b.txt");
    browser.findElement(By.cssSelector("#create-set button")).click();
    assertThat(shown(By.id("members")).getText()).contains("/texts/a.txt:1", "/texts/b.txt:1");
    browser.findElement(By.id("meta-tag")).sendKeys("corpus");
    browser.findElement(By.cssSelector("#meta-add button")).click();
    settle().until(ExpectedConditions.textToBePresentInElementLocated(By.id("meta"), "corpus"));
    screenshot("ui-file-set.png");

    project.admin().files().upload(Map.of(zip(WORDCOUNT).toString(), "/wordcount.zip"));
    JobInfo job =
        project
            .admin()
            .jobs()
            .submit(
                JobSpec.builder()
                    .name("word-count")
                    .inputFileSet("texts")
                    .code("/wordcount.zip")
                    .command("mkdir -p out && cat texts/* | python3 wordcount.py out")
                    .outputPath("out")
                    .build());
    browser.get(SERVER.endpoint() + "/ui/jobs/" + job.id());
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .until(ExpectedConditions.textToBe(By.id("status"), "FINISHED"));
    browser.findElement(By.id("output-link")).click();
    assertThat(shown(By.id("members")).getText()).contains("wordcount.txt");
    browser.findElement(By.id("lineage-link")).click();
    String graph = shown(By.id("lineage")).getText();
    assertThat(graph).contains("texts:1", "/wordcount.zip:1", "word-count", "FINISHED");
    screenshot("ui-lineage.png");
    browser.findElement(By.cssSelector("#lineage a.node-job")).click();
    settle().until(ExpectedConditions.urlContains("/ui/jobs/" + job.id()));
    shown(By.id("input-link")).click();
    settle().until(ExpectedConditions.textToBe(By.tagName("h1"), "File set texts:1"));
    signOut();
  }

  /** A wait that outlasts a page being replaced by the one a click opens. */
  private static WebDriverWait settle() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** The element once the page shows it (after a click that navigates). */
  private static WebElement shown(By locator) {
    return settle().until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  private static Path zip(String script) throws IOException {
    return Files.write(scratch.resolve("wordcount.zip"), Zips.of(Map.of("wordcount.py", script)));
  }

  private static void signIn(TestProject project) {
    browser.get(SERVER.endpoint() + "/ui/login");
    submitToken(project);
  }

  /**
   * Submits the sign-in form shown and waits for the jobs page: a click returns before the
   * navigation it starts has ended, so the URL is awaited, not read at once.
   */
  private static void submitToken(TestProject project) {
    browser.findElement(By.id("token")).sendKeys(project.adminToken());
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    try {
      settle().until(ExpectedConditions.urlMatches("/ui/jobs$"));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "sign-in did not reach /ui/jobs: at "
              + browser.getCurrentUrl()
              + " showing "
              + browser.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  /** Signs out and waits until the sign-in page is shown, so the next test starts signed out. */
  private static void signOut() {
    browser.findElement(By.cssSelector(".who button")).click();
    settle().until(ExpectedConditions.urlMatches("/ui/login$"));
  }

  private static void screenshot(String name) throws IOException {
    Chromium.screenshot(browser, name);
  }
}
