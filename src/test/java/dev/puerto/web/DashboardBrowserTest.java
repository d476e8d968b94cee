package dev.puerto.web;

import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.ingest.Ingester;
import dev.puerto.schema.tables.records.ReportsRecord;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.summary.Counts;
import dev.puerto.summary.DomainSummary;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.Source;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import dev.puerto.summary.WeeklySummary;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.HeadlessChromium;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.SampleImports;
import dev.puerto.testing.TestDatabase;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.v156.emulation.Emulation;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium), as one user story over
 * reports-samples/: log in, read the week's overview, open a domain, filter its failing sources,
 * follow a source to a report, download a table as CSV, log out. Throughout, no page logs an error
 * and no request leaves the dashboard's own address. A second test shows a hostile org_name as
 * text.
 *
 * <p>With {@code -Dpuerto.screenshots=DIR} the story also saves the README's screenshots there:
 * {@code overview.png}, {@code domain.png} (1280x900) and {@code overview-phone.png} (390x844).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  /** Numbers and rates as the English dashboard writes them. */
  private static final Format EN = new Format(Messages.of(Lang.EN));

  private static final IsoWeek W11 = IsoWeek.parse("2026-W11");

  /** The week of the hostile report: no sample lies in it, so W11's pages stay the samples'. */
  private static final IsoWeek HOSTILE_WEEK = IsoWeek.parse("2026-W13");

  private static final String USER = "postmaster";
  private static final String PASSWORD = "browser test password";
  private static final String HOSTILE = "<script>alert(1)</script>";
  private static final String HOSTILE_SOURCE = "192.0.2.77";
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  private final Database database;
  private Dashboard dashboard;
  private HeadlessChromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private String origin;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  DashboardBrowserTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
  }

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    // First, so that without Chromium the test is skipped (or fails) at once.
    chromium = HeadlessChromium.start(Files.createDirectory(temp.resolve("profile")), 1280, 900);
    driver = chromium.driver();
    wait = new WebDriverWait(driver, PATIENCE);
    importSamples();
    dashboard =
        Dashboard.start(
            new DashboardSettings("127.0.0.1", 0, USER, PASSWORD, true),
            database.dsl(),
            new Summarizer(new SummaryReader(database.dsl())),
            Clock.fixed(Instant.parse("2026-04-01T12:00:00Z"), ZoneOffset.UTC));
    origin = dashboard.url().toString(); // http://127.0.0.1:PORT/
    assertThat(origin).matches("http://127\\.0\\.0\\.1:[0-9]+/");
  }

  @AfterAll
  void stop() {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      try {
        if (dashboard != null) {
          dashboard.close();
        }
      } finally {
        database.close();
      }
    }
  }

  /** Each test starts logged out, with nothing recorded. */
  @BeforeEach
  void logOutTheBrowser() {
    driver.get(origin + "login");
    driver.manage().deleteAllCookies();
    chromium.forget();
  }

  @Test
  void a_user_reads_the_week_follows_a_failing_source_to_its_report_and_logs_out()
      throws Exception {
    WeeklySummary summary =
        new Summarizer(new SummaryReader(database.dsl())).summarize(W11, List.of());
    assertThat(summary.domains())
        .extracting(DomainSummary::domain)
        .contains("example.com", "example.net", "example.org");

    // Logged out, the overview asks for the login first and comes back to it after.
    driver.get(origin + "?week=" + W11);
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(query(driver.getCurrentUrl()).get("next")).isEqualTo("/?week=" + W11);
    driver.findElement(By.name("user")).sendKeys(USER);
    driver.findElement(By.name("password")).sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("section.login button[type=submit]")).click();
    wait.until(ExpectedConditions.urlToBe(origin + "?week=" + W11));
    waitForHeading("Your domains in " + W11);

    // The overview: each domain's messages and DMARC pass rate, as the weekly summary counts them.
    HtmlTable domains = table("domains");
    int messages = domains.column("Messages", Table.Kind.COUNT);
    int passRate = domains.column("DMARC pass", Table.Kind.RATE);
    Map<String, List<String>> shown = new LinkedHashMap<>();
    for (HtmlRow row : domains.rows()) {
      shown.put(
          row.cells().get(0).text(),
          List.of(row.cells().get(messages).text(), row.cells().get(passRate).text()));
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (DomainSummary d : summary.domains()) {
      Counts c = d.counts();
      expected.put(
          d.domain(),
          List.of(EN.count(c.messages()), c.messages() == 0 ? "" : EN.rate(c.dmarcPassRate())));
    }
    assertThat(shown).containsExactlyEntriesOf(expected);
    assertThat(expected.values()).anySatisfy(v -> assertThat(v.get(0)).isNotEqualTo("0"));
    screenshot("overview.png");
    phoneScreenshot("overview-phone.png");

    // A domain with passing and failing sources, the one with the most sources.
    DomainSummary domain =
        summary.domains().stream()
            .filter(d -> d.sources().stream().anyMatch(s -> s.counts().dmarcFail() > 0))
            .filter(d -> d.sources().stream().anyMatch(s -> s.counts().dmarcFail() == 0))
            .max(Comparator.comparingInt(d -> d.sources().size()))
            .orElseThrow();
    driver
        .findElement(
            By.cssSelector("#domains a[href='" + Pages.domainHref(domain.domain(), W11) + "']"))
        .click();
    waitForHeading(domain.domain());
    assertThat(cards())
        .containsEntry("Messages", EN.count(domain.counts().messages()))
        .containsEntry("DMARC pass", EN.rate(domain.counts().dmarcPassRate()));
    HtmlTable allSources = table("sources");
    assertThat(allSources.rows())
        .extracting(r -> r.cells().get(0).text())
        .containsExactlyElementsOf(domain.sources().stream().map(Source::ip).toList());
    assertThat(allSources.rows()).anySatisfy(r -> assertThat(r.marks()).doesNotContain("fail"));
    screenshot("domain.png");

    // Ticking "only failing" applies the filter at once (puerto.js submits the form).
    WebElement before = driver.findElement(By.id("sources"));
    WebElement failing = driver.findElement(By.cssSelector("form.filters input[name=failing]"));
    assertThat(failing.isSelected()).isFalse();
    failing.click();
    wait.until(ExpectedConditions.stalenessOf(before));
    wait.until(ExpectedConditions.urlContains("failing=1"));
    waitForHeading(domain.domain());
    assertThat(driver.findElement(By.cssSelector("form.filters input[name=failing]")).isSelected())
        .isTrue();
    HtmlTable failingSources = table("sources");
    List<String> failingIps =
        domain.sources().stream().filter(s -> s.counts().dmarcFail() > 0).map(Source::ip).toList();
    assertThat(failingSources.rows())
        .extracting(r -> r.cells().get(0).text())
        .containsExactlyElementsOf(failingIps);
    assertThat(failingSources.rows()).allSatisfy(r -> assertThat(r.marks()).contains("fail"));
    assertThat(failingSources.csv()).contains("failing=1");
    assertCsvIsTheTable(failingSources, List.of("ip", "ptr", "service", "messages"));

    // The worst failing source, then a report on the domain that names it.
    String ip = failingIps.get(0);
    driver.findElement(By.cssSelector("#sources tbody tr:first-child td a")).click();
    waitForHeading(ip);
    HtmlTable reports = table("reports");
    HtmlRow reportRow =
        reports.rows().stream()
            .filter(r -> r.cells().get(1).text().equals(domain.domain()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no report of " + domain.domain() + " names " + ip));
    String href = reportRow.cells().get(0).href();
    assertThat(href).matches("/reports/[0-9]+");
    driver.findElement(By.cssSelector("#reports a[href='" + href + "']")).click();
    wait.until(ExpectedConditions.urlToBe(origin + href.substring(1)));
    long id = Long.parseLong(href.substring("/reports/".length()));
    ReportsRecord report =
        database.dsl().selectFrom(REPORTS).where(REPORTS.ID.eq(id)).fetchSingle();
    waitForHeading("Report from " + report.getOrgName());

    // Its records: all of them, adding up to the report's messages, one from the source.
    HtmlTable records = table("records");
    int recordMessages = records.column("Messages", Table.Kind.COUNT);
    assertThat(records.rows()).hasSize(report.getRecordCount());
    assertThat(records.rows().stream().mapToLong(r -> r.number(recordMessages)).sum())
        .isEqualTo(report.getMessageCount());
    assertThat(records.rows()).anySatisfy(r -> assertThat(r.cells().get(1).text()).isEqualTo(ip));
    int evaluated = records.column("DKIM / SPF (aligned)", Table.Kind.TEXT);
    assertThat(records.rows())
        .allSatisfy(
            r ->
                assertThat(r.marks().contains("fail"))
                    .as("row %s marked failing", r.cells().get(0).text())
                    .isEqualTo(!r.cells().get(evaluated).text().contains("pass")));
    assertCsvIsTheTable(
        records,
        List.of(
            "record_no",
            "source_ip",
            "messages",
            "disposition",
            "evaluated",
            "header_from",
            "dkim",
            "spf"));

    // Nothing went wrong in the browser, and nothing was fetched from elsewhere.
    wait.until(d -> chromium.requests().contains(origin + "assets/puerto.js"));
    wait.until(d -> chromium.requests().contains(origin + "assets/puerto.css"));
    assertThat(chromium.requests())
        .allSatisfy(url -> assertThat(url.startsWith(origin) || url.startsWith("data:")).isTrue());
    assertThat(chromium.errors()).isEmpty();

    // Logging out ends the session: pages ask for the login again, and the cookie opens nothing.
    String session = sessionCookie();
    driver.findElement(By.cssSelector("form.logout button")).click();
    wait.until(ExpectedConditions.urlToBe(origin + "login"));
    assertThat(driver.manage().getCookieNamed("puerto_session")).isNull();
    String domainPage = Pages.domainHref(domain.domain(), W11);
    driver.get(origin + domainPage.substring(1));
    wait.until(ExpectedConditions.urlContains("/login?next="));
    assertThat(query(driver.getCurrentUrl()).get("next")).isEqualTo(domainPage);
    assertThat(driver.findElements(By.name("password"))).hasSize(1);
    assertThat(get(records.csv(), session).statusCode()).isEqualTo(401);

    assertThat(chromium.requests())
        .allSatisfy(url -> assertThat(url.startsWith(origin) || url.startsWith("data:")).isTrue());
    assertThat(chromium.errors()).isEmpty();
  }

  @Test
  void a_hostile_org_name_is_shown_as_text_and_never_runs() throws Exception {
    importHostileReport();
    long id =
        database
            .dsl()
            .select(REPORTS.ID)
            .from(REPORTS)
            .where(REPORTS.ORG_NAME.eq(HOSTILE))
            .fetchSingle(REPORTS.ID);

    driver.get(origin + "login?next=/reports/" + id);
    driver.findElement(By.name("user")).sendKeys(USER);
    driver.findElement(By.name("password")).sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("section.login button[type=submit]")).click();
    wait.until(ExpectedConditions.urlToBe(origin + "reports/" + id));

    // The report page: in its heading and title.
    waitForHeading("Report from " + HOSTILE);
    assertThat(driver.getTitle()).startsWith(HOSTILE + " · ");
    assertNothingRan();

    // The domain page: its reporters table and the reporter filter.
    driver.get(origin + Pages.domainHref("example.com", HOSTILE_WEEK).substring(1));
    waitForHeading("example.com");
    // (the other rows are the reporters of the weeks before, silent in this one)
    assertThat(table("reporters").rows())
        .filteredOn(r -> !r.marks().contains("quiet"))
        .extracting(r -> r.cells().get(0).text())
        .containsExactly(HOSTILE);
    assertThat(
            driver
                .findElements(By.cssSelector("form.filters select[name=reporter] option"))
                .stream()
                .map(o -> o.getDomAttribute("value") + "|" + o.getText()))
        .contains(HOSTILE + "|" + HOSTILE);
    assertNothingRan();

    // The source page: its reports table.
    driver.get(origin + Pages.sourceHref(HOSTILE_SOURCE, HOSTILE_WEEK).substring(1));
    waitForHeading(HOSTILE_SOURCE);
    assertThat(table("reports").rows())
        .extracting(r -> r.cells().get(2).text())
        .containsExactly(HOSTILE);
    assertNothingRan();

    assertThat(chromium.requests())
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url.startsWith(origin) || url.startsWith("data:")).isTrue());
    assertThat(chromium.errors()).isEmpty();
  }

  /** No alert is open, and the only script of the page is the dashboard's own file. */
  private void assertNothingRan() {
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    @SuppressWarnings("unchecked")
    List<String> scripts =
        (List<String>)
            driver.executeScript(
                "return Array.from(document.scripts,"
                    + " s => s.getAttribute('src') + '|' + s.textContent);");
    assertThat(scripts).containsExactly("/assets/puerto.js|");
  }

  // ---- the data -------------------------------------------------------------------------------

  /** reports-samples/ (weeks 2026-W10 and W11 of example.com, .net and .org), as puerto import. */
  private void importSamples() throws Exception {
    SampleImports.importFiles(database, SampleImports.topLevel());
    ingester().applyRollups();
  }

  /** A report on example.com whose org_name is a script element. */
  private void importHostileReport() throws Exception {
    String xml =
        AggregateXml.report(
                "example.com",
                "hostile-org-name",
                HOSTILE_WEEK.monday().atStartOfDay().toInstant(ZoneOffset.UTC))
            .record(AggregateXml.Row.failing(HOSTILE_SOURCE, 3))
            .xml()
            .replace(
                "<org_name>receiver.example</org_name>",
                "<org_name>&lt;script&gt;alert(1)&lt;/script&gt;</org_name>");
    assertThat(xml).contains("&lt;script&gt;");
    Ingester ingester = ingester();
    ingester.ingest(
        InboundMessage.ofBytes(
            new Origin(Origin.Kind.FILE, "hostile-org-name.xml"),
            xml.getBytes(StandardCharsets.UTF_8)));
    ingester.applyRollups();
  }

  private Ingester ingester() {
    return SampleImports.ingester(database);
  }

  // ---- reading pages --------------------------------------------------------------------------

  private void waitForHeading(String text) {
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
  }

  /** A table of the page as shown: headings, and each row's marks and cells. */
  private record HtmlTable(
      String key, List<String> headings, List<String> kinds, List<HtmlRow> rows, String csv) {
    int column(String heading, Table.Kind kind) {
      for (int i = 0; i < headings.size(); i++) {
        if (headings.get(i).equals(heading) && kinds.get(i).equals(kind.name())) {
          return i;
        }
      }
      throw new AssertionError("table " + key + " has no column " + heading + " " + headings);
    }
  }

  private record HtmlRow(List<String> marks, List<HtmlCell> cells) {
    long number(int column) {
      return Long.parseLong(cells.get(column).value());
    }
  }

  /** A cell's text, its raw value (data-value, what the CSV has) and its link, if any. */
  private record HtmlCell(String text, String value, String href) {}

  @SuppressWarnings("unchecked")
  private HtmlTable table(String key) {
    Map<String, Object> t =
        (Map<String, Object>)
            driver.executeScript(
                """
                const s = document.getElementById(arguments[0]);
                if (!s) return null;
                const csv = s.querySelector('a.csv');
                const t = s.querySelector('table');
                const head = t ? Array.from(t.tHead.rows[0].cells) : [];
                return {
                  headings: head.map(th => th.textContent.trim()),
                  kinds: head.map(th => th.dataset.kind),
                  rows: t ? Array.from(t.tBodies[0].rows, tr => ({
                    marks: Array.from(tr.classList),
                    cells: Array.from(tr.cells, td => {
                      const a = td.querySelector('a');
                      return {
                        text: td.textContent.trim(),
                        value: td.dataset.value === undefined ? '' : td.dataset.value,
                        href: a ? a.getAttribute('href') : null
                      };
                    })
                  })) : [],
                  csv: csv ? csv.getAttribute('href') : null
                };
                """,
                key);
    assertThat(t).as("the page's table " + key).isNotNull();
    List<HtmlRow> rows = new ArrayList<>();
    for (Map<String, Object> row : (List<Map<String, Object>>) t.get("rows")) {
      List<HtmlCell> cells = new ArrayList<>();
      for (Map<String, Object> cell : (List<Map<String, Object>>) row.get("cells")) {
        cells.add(
            new HtmlCell(
                (String) cell.get("text"), (String) cell.get("value"), (String) cell.get("href")));
      }
      rows.add(new HtmlRow((List<String>) row.get("marks"), cells));
    }
    return new HtmlTable(
        key,
        (List<String>) t.get("headings"),
        (List<String>) t.get("kinds"),
        rows,
        (String) t.get("csv"));
  }

  /** The summary cards of a domain page: label to value. */
  private Map<String, String> cards() {
    Map<String, String> cards = new LinkedHashMap<>();
    for (WebElement card : driver.findElements(By.cssSelector(".cards .card"))) {
      cards.put(
          card.findElement(By.className("label")).getText(),
          card.findElement(By.className("value")).getText());
    }
    return cards;
  }

  /**
   * The table's CSV download, fetched with the browser's session: its header has {@code keys} in
   * this order, it has the page's rows, and each column of the page is a column of the CSV, in the
   * same order, each cell the value the page shows (formatted there). The CSV may have columns the
   * page leaves out (counts whose rates the page shows).
   */
  private void assertCsvIsTheTable(HtmlTable table, List<String> keys) throws Exception {
    assertThat(table.csv()).as("CSV link of " + table.key()).isNotNull();
    HttpResponse<String> response = get(table.csv(), sessionCookie());
    assertThat(response.statusCode()).as("GET " + table.csv()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    List<CSVRecord> lines;
    List<String> header;
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(response.body()))) {
      header = parser.getHeaderNames();
      lines = parser.getRecords();
    }
    assertThat(header)
        .containsSubsequence(keys)
        .hasSizeGreaterThanOrEqualTo(table.headings().size());
    assertThat(lines).hasSameSizeAs(table.rows()).isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(line.size()).isEqualTo(header.size()));
    int c = 0;
    for (int j = 0; j < table.headings().size(); j++) {
      int from = c;
      while (c < header.size() && !sameColumn(lines, c, table, j)) {
        c++;
      }
      assertThat(c)
          .as(
              "%s: the page's column %s (%s) among the CSV's columns from %s on, %s",
              table.key(), j + 1, table.headings().get(j), from + 1, header)
          .isLessThan(header.size());
      for (int i = 0; i < lines.size(); i++) {
        String csv = lines.get(i).get(c);
        String text = table.rows().get(i).cells().get(j).text();
        String where = table.key() + " row " + (i + 1) + " " + header.get(c);
        if (csv.isEmpty()) {
          continue;
        }
        switch (Table.Kind.valueOf(table.kinds().get(j))) {
          case COUNT -> assertThat(text).as(where).isEqualTo(EN.count(Long.parseLong(csv)));
          case RATE -> assertThat(text).as(where).isEqualTo(EN.rate(Double.parseDouble(csv)));
          case TEXT -> assertThat(text).as(where).isEqualTo(csv);
          default -> {}
        }
      }
      c++;
    }
  }

  /** The CSV's column {@code c} has, row by row, the values of the page's column {@code j}. */
  private static boolean sameColumn(List<CSVRecord> lines, int c, HtmlTable table, int j) {
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).get(c).equals(table.rows().get(i).cells().get(j).value())) {
        return false;
      }
    }
    return true;
  }

  private String sessionCookie() {
    Cookie cookie = driver.manage().getCookieNamed("puerto_session");
    assertThat(cookie).as("the session cookie").isNotNull();
    assertThat(cookie.isHttpOnly()).isTrue();
    return cookie.getValue();
  }

  private HttpResponse<String> get(String path, String session) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(origin).resolve(path))
            .header("Cookie", "puerto_session=" + session)
            .timeout(PATIENCE)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String q = URI.create(url).getRawQuery();
    if (q != null) {
      for (String pair : q.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return params;
  }

  // ---- screenshots ----------------------------------------------------------------------------

  /** The page on a 1280x900 screen, into -Dpuerto.screenshots=DIR; nothing without it. */
  private void screenshot(String name) throws Exception {
    screenshot(name, 1280, 900, false);
  }

  /** The page on a phone's screen (390x844). */
  private void phoneScreenshot(String name) throws Exception {
    screenshot(name, 390, 844, true);
  }

  /**
   * The page drawn on a screen of {@code width x height} CSS pixels (DevTools device metrics, so
   * that the picture is exactly that), then back on the test's window.
   */
  private void screenshot(String name, int width, int height, boolean mobile) throws Exception {
    Optional<Path> dir = screenshotDir();
    if (dir.isEmpty()) {
      return;
    }
    Files.createDirectories(dir.get());
    String heading = driver.findElement(By.tagName("h1")).getText();
    var devTools = chromium.devTools();
    devTools.send(
        Emulation.setDeviceMetricsOverride(
            width,
            height,
            1,
            mobile,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    try {
      driver.navigate().refresh();
      waitForHeading(heading);
      wait.until(
          d ->
              Long.valueOf(width).equals(driver.executeScript("return window.innerWidth"))
                  && Long.valueOf(height)
                      .equals(driver.executeScript("return window.innerHeight")));
      Files.write(dir.get().resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      devTools.send(Emulation.clearDeviceMetricsOverride());
      driver.navigate().refresh();
      waitForHeading(heading);
    }
  }

  private static Optional<Path> screenshotDir() {
    String dir = System.getProperty("puerto.screenshots");
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }
}
