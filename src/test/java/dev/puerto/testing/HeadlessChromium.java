package dev.puerto.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.log.Log;
import org.openqa.selenium.devtools.v156.network.Network;
import org.openqa.selenium.devtools.v156.runtime.Runtime;
import org.openqa.selenium.devtools.v156.runtime.model.ConsoleAPICalled;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (never one Selenium Manager would
 * download): with a fresh profile, and a record of every URL the pages requested and of every error
 * they logged. Without the two programs the test is skipped, or fails under {@code
 * PUERTO_REQUIRE_CHROMIUM=1} (as {@code .ci/run} sets it).
 */
public final class HeadlessChromium implements AutoCloseable {
  static final String REQUIRE = "PUERTO_REQUIRE_CHROMIUM";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final DevTools devTools;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<String> browserLog = new ArrayList<>();

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
    this.devTools = driver.getDevTools();
    devTools.createSession();
    devTools.send(
        Network.enable(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    devTools.addListener(Network.requestWillBeSent(), e -> requests.add(e.getRequest().getUrl()));
    devTools.send(Log.enable());
    devTools.addListener(
        Log.entryAdded(),
        e -> {
          if (e.getLevel() == org.openqa.selenium.devtools.v156.log.model.LogEntry.Level.ERROR) {
            errors.add("log " + e.getSource() + ": " + e.getText() + " " + e.getUrl().orElse(""));
          }
        });
    devTools.send(Runtime.enable());
    devTools.addListener(
        Runtime.exceptionThrown(),
        e -> errors.add("exception: " + e.getExceptionDetails().getText()));
    devTools.addListener(
        Runtime.consoleAPICalled(),
        e -> {
          if (e.getType() == ConsoleAPICalled.Type.ERROR
              || e.getType() == ConsoleAPICalled.Type.ASSERT) {
            errors.add(
                "console."
                    + e.getType()
                    + ": "
                    + e.getArgs().stream()
                        .map(
                            a ->
                                a.getValue().map(String::valueOf).or(a::getDescription).orElse("?"))
                        .toList());
          }
        });
  }

  /** Starts Chromium with its profile in {@code profile}, its window {@code width x height}. */
  public static HeadlessChromium start(Path profile, int width, int height) {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM.toString());
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add(CHROMEDRIVER.toString());
    }
    if (!missing.isEmpty()) {
      RequiredTool.missing(
          REQUIRE,
          String.join(" and ", missing)
              + " missing (Debian: apt-get install chromium chromium-driver), so the browser"
              + " tests of the dashboard cannot run");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath());
    // An alert a page opens stays open, so that the test can see it.
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("prefs", Map.of("download.prompt_for_download", false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return new HeadlessChromium(driver);
    } catch (RuntimeException e) {
      driver.quit();
      throw e;
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public DevTools devTools() {
    return devTools;
  }

  /** Every URL the browser's pages requested so far (DevTools Network.requestWillBeSent). */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * The errors logged so far: exceptions, console.error, and what Chromium itself logs as an error
   * (a resource that failed to load, a Content-Security-Policy violation), from DevTools and from
   * the driver's browser log.
   */
  public synchronized List<String> errors() {
    // Reading the driver's log empties it: what it held is kept here.
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        browserLog.add("browser log: " + entry.getMessage());
      }
    }
    List<String> all = new ArrayList<>(errors);
    all.addAll(browserLog);
    return all;
  }

  /** Forgets the requests and errors recorded so far: what a test sees from here is its own. */
  public synchronized void forget() {
    driver.manage().logs().get(LogType.BROWSER);
    browserLog.clear();
    errors.clear();
    requests.clear();
  }

  @Override
  public void close() {
    try {
      devTools.close();
    } finally {
      driver.quit();
    }
  }
}
