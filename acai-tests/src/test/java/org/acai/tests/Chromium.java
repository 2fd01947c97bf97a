package org.acai.tests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real headless Chromium (Debian's chromium + chromedriver), or a SKIP line when missing. */
final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * Starts a browser with a fresh profile; aborts the calling test class when none is installed.
   */
  static WebDriver start(String testName) throws IOException {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      System.out.println(
          "SKIP: " + testName + " needs /usr/bin/chromium and /usr/bin/chromedriver");
      Assumptions.abort("chromium or chromedriver is not installed");
    }
    Path profile = Files.createTempDirectory("acai-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .build();
    return new ChromeDriver(service, options);
  }

  /**
   * Saves what the browser shows as {@code target/<name>}, and into the directory the system
   * property {@code acai.ui.screenshots} names (the README's pictures: {@code
   * -Dacai.ui.screenshots=../docs/screenshots} refreshes them).
   */
  static void screenshot(WebDriver browser, String name) throws IOException {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty("acai.ui.screenshots");
    if (docs != null && !docs.isBlank()) {
      Path dir = Files.createDirectories(Path.of(docs));
      Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
