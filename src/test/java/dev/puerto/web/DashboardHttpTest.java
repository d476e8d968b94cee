package dev.puerto.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.ingest.Ingester;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryFormat;
import dev.puerto.summary.SummaryReader;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.PrometheusText;
import dev.puerto.testing.SampleImports;
import dev.puerto.testing.TestDatabase;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard as an HTTP client sees it: started in-process on 127.0.0.1 over a read-only
 * connection to a database holding {@code reports-samples/} (weeks 2026-W10 and W11) and a few
 * crafted hostile reports, with the clock on Sunday 2026-03-15 evening (W11 is the current week,
 * and Saturday 2026-03-14 is "yesterday" for the metrics).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHttpTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-15T20:00:00Z"), ZoneOffset.UTC);
  private static final IsoWeek W10 = IsoWeek.parse("2026-W10");
  private static final IsoWeek W11 = IsoWeek.parse("2026-W11");
  private static final String USER = "puerto";
  private static final String PASSWORD = "correct horse battery staple";
  private static final Path SAMPLES = Path.of("reports-samples");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The domain of the crafted reports below. */
  private static final String HOSTILE = "hostile.example";

  private static final String SCRIPT_ORG = "<script>alert(1)</script>";
  private static final String SCRIPT_ORG_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
  private static final String IMG_REPORT_ID = "\"><img src=x onerror=alert(1)>";
  private static final String IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
  private static final String REJECTED_IP = "<script>alert(2)</script>";

  /** Reporter names a spreadsheet would take for formulas. */
  private static final List<String> FORMULA_ORGS =
      List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(1)");

  private final Instant importedFrom = Instant.now().minusSeconds(5);
  private final Database writes;
  private final Database reads;
  private final Dashboard dashboard;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  DashboardHttpTest(TestDatabase database) throws Exception {
    writes = database.open();
    importSamples(writes);
    importHostileReports(writes);
    reads = Database.openReadOnlyPrimary(database.settings());
    dashboard =
        Dashboard.start(
            new DashboardSettings("127.0.0.1", 0, USER, PASSWORD, true),
            reads.dsl(),
            new Summarizer(new SummaryReader(reads.dsl())),
            CLOCK);
  }

  @AfterAll
  void stop() {
    dashboard.close();
    reads.close();
    writes.close();
  }

  // ---- who may see what -----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/domains",
        "/api/domains?week=2026-W11",
        "/metrics",
        "/?week=2026-W11&format=csv",
        "/domains/example.com?week=2026-W11&format=csv&table=sources",
        "/",
        "/inputs/1/raw"
      })
  void without_credentials_a_script_gets_401_with_a_basic_challenge(String path) throws Exception {
    HttpResponse<String> response = send(request(path));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"puerto\""));
    assertThat(response.body()).doesNotContain("example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/domains", "/metrics", "/?format=csv"})
  void a_browser_asking_for_the_api_a_csv_or_the_metrics_still_gets_401(String path)
      throws Exception {
    HttpResponse<String> response = send(request(path).header("Accept", "text/html"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void a_browser_without_a_login_is_sent_to_the_login_form_with_where_it_was_going()
      throws Exception {
    HttpResponse<String> root = send(browser("/"));
    assertThat(root.statusCode()).isEqualTo(303);
    assertThat(root.headers().firstValue("Location")).hasValue("/login?next=%2F");
    assertThat(root.headers().firstValue("WWW-Authenticate")).isEmpty();

    HttpResponse<String> deep = send(browser("/domains/example.com?week=2026-W11"));
    assertThat(deep.statusCode()).isEqualTo(303);
    assertThat(deep.headers().firstValue("Location"))
        .hasValue(
            "/login?next="
                + URLEncoder.encode("/domains/example.com?week=2026-W11", StandardCharsets.UTF_8));

    HttpResponse<String> form = send(browser("/login?next=%2Fdomains%2Fexample.com"));
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("name=\"next\" value=\"/domains/example.com\"");
  }

  @Test
  void health_answers_ok_without_a_login() throws Exception {
    HttpResponse<String> response = send(request("/health"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().strip()).isEqualTo("ok");
  }

  @Test
  void basic_with_the_right_password_is_let_in_and_anything_else_is_not() throws Exception {
    assertThat(send(authed("/api/domains?week=2026-W11")).statusCode()).isEqualTo(200);
    assertThat(send(authed("/metrics")).statusCode()).isEqualTo(200);

    for (String credentials :
        List.of(
            USER + ":" + PASSWORD + "x",
            USER + ":" + PASSWORD.substring(1),
            USER + ":",
            "admin:" + PASSWORD,
            USER.toUpperCase() + ":" + PASSWORD,
            ":" + PASSWORD,
            PASSWORD)) {
      HttpResponse<String> response =
          send(request("/api/domains").header("Authorization", basic(credentials)));
      assertThat(response.statusCode()).as(credentials).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }
    assertThat(
            send(request("/api/domains").header("Authorization", "Basic not/base64!")).statusCode())
        .isEqualTo(401);
    assertThat(send(request("/api/domains").header("Authorization", "Bearer " + PASSWORD)))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(401);
  }

  @Test
  void the_login_form_sets_a_strict_http_only_cookie_and_goes_where_it_was_asked()
      throws Exception {
    HttpResponse<String> login = login(USER, PASSWORD, "/domains/example.com?week=2026-W11");

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location"))
        .hasValue("/domains/example.com?week=2026-W11");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith(Access.COOKIE + "=");
    List<String> attributes =
        Stream.of(setCookie.split(";")).map(String::strip).map(String::toLowerCase).toList();
    assertThat(attributes).contains("httponly", "samesite=strict", "path=/");
    assertThat(attributes).noneMatch(a -> a.startsWith("domain="));

    HttpResponse<String> page =
        send(browser("/domains/example.com?week=2026-W11").header("Cookie", cookie(login)));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>example.com</h1>");
  }

  @Test
  void a_wrong_password_on_the_form_sets_no_cookie_and_says_so() throws Exception {
    HttpResponse<String> login = login(USER, "not the password", "/");

    assertThat(login.statusCode()).isEqualTo(401);
    assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(login.body()).contains("do not match");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example/",
        "https://evil.example",
        "http://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "evil.example",
        "/\t/evil.example",
        "/\r\nSet-Cookie: x=y",
        ""
      })
  void after_the_login_it_goes_nowhere_but_this_dashboard(String next) throws Exception {
    HttpResponse<String> login = login(USER, PASSWORD, next);

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/");
  }

  @Test
  void the_login_form_does_not_send_a_browser_elsewhere_either() throws Exception {
    HttpResponse<String> form = send(browser("/login?next=%2F%2Fevil.example%2F"));

    assertThat(form.body()).contains("name=\"next\" value=\"/\"").doesNotContain("evil.example");
  }

  @Test
  void logout_ends_the_session() throws Exception {
    String cookie = cookie(login(USER, PASSWORD, "/"));
    assertThat(send(browser("/?week=2026-W11").header("Cookie", cookie)).statusCode())
        .isEqualTo(200);

    HttpResponse<String> logout =
        send(
            request("/logout")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(logout.statusCode()).isEqualTo(303);
    assertThat(logout.headers().firstValue("Location")).hasValue("/login");
    assertThat(logout.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            c ->
                assertThat(c)
                    .startsWith(Access.COOKIE + "=;")
                    .containsPattern("(?i)max-age=0|expires=thu, 01 jan 1970"));

    HttpResponse<String> again = send(browser("/?week=2026-W11").header("Cookie", cookie));
    assertThat(again.statusCode()).isEqualTo(303);
    assertThat(again.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
    assertThat(send(request("/api/domains").header("Cookie", cookie)).statusCode()).isEqualTo(401);
  }

  @Test
  void a_made_up_session_cookie_is_not_a_login() throws Exception {
    HttpResponse<String> response =
        send(request("/api/domains").header("Cookie", Access.COOKIE + "=" + "A".repeat(43)));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  // ---- what every answer carries --------------------------------------------------------------

  @Test
  void every_answer_carries_the_security_headers() throws Exception {
    long input = inputOf("wp.pl!example.com!1773360000!1773446399.xml");
    List<HttpRequest.Builder> requests =
        List.of(
            request("/health"),
            request("/login"),
            request("/assets/puerto.css"),
            request("/api/domains"),
            browser("/"),
            login(),
            authed("/"),
            authed("/?week=2026-W11"),
            authed("/api/domains?week=2026-W11"),
            authed("/?week=2026-W11&format=csv"),
            authed("/metrics"),
            authed("/inputs/" + input + "/raw"),
            authed("/no-such-page"),
            authed("/domains/nobody.example?week=2026-W11"),
            authed("/api/reports/999999999"),
            authed("/?week=garbage"),
            authed("/api/domains?week=garbage"),
            authed("/sources/not-an-ip"));
    for (HttpRequest.Builder request : requests) {
      HttpRequest built = request.build();
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      String what = built.method() + " " + built.uri().getRawPath() + " → " + response.statusCode();
      var headers = response.headers();
      assertThat(headers.firstValue("Content-Security-Policy"))
          .as(what)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("default-src 'none'")
                      .contains("script-src 'self'")
                      .contains("style-src 'self'")
                      .contains("frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline")
                      .doesNotContain("unsafe-eval")
                      .doesNotContain("*"));
      assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
      assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    }
  }

  @Test
  void no_page_has_inline_script_or_style_or_loads_anything_from_elsewhere() throws Exception {
    long sampleReport = reportOf("Wirtualna Polska", "example.com");
    long hostileReport = reportOf(SCRIPT_ORG, HOSTILE);
    Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
    pages.put("login", send(request("/login")));
    pages.put("login failed", login(USER, "wrong password!", "/"));
    pages.put("overview (default week)", send(authed("/")));
    pages.put("overview", send(authed("/?week=2026-W11")));
    pages.put("overview, empty week", send(authed("/?week=2025-W01")));
    pages.put("domain", send(authed("/domains/example.com?week=2026-W11")));
    pages.put("domain, filtered", send(authed("/domains/example.org?week=2026-W11&failing=1")));
    pages.put("domain, hostile", send(authed("/domains/" + HOSTILE + "?week=2026-W11")));
    pages.put("source", send(authed("/sources/192.0.2.25?week=2026-W11")));
    pages.put("source, IPv6", send(authed("/sources/2001:db8:bad::66?week=2026-W11")));
    pages.put("report", send(authed("/reports/" + sampleReport)));
    pages.put("report, hostile", send(authed("/reports/" + hostileReport)));
    pages.put("inputs", send(authed("/inputs")));
    pages.put("inputs, rejected", send(authed("/inputs?status=rejected")));
    pages.put("404", send(authed("/domains/nobody.example?week=2026-W11")));
    pages.put("400", send(authed("/?week=garbage")));

    for (var page : pages.entrySet()) {
      String what = page.getKey();
      HttpResponse<String> response = page.getValue();
      assertThat(response.headers().firstValue("Content-Type"))
          .as(what)
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
      String html = response.body();
      assertThat(html.strip()).as(what).startsWith("<!DOCTYPE html>");
      for (Tag tag : Tag.all(html)) {
        assertThat(tag.attributes().keySet())
            .as(what + ": attributes of " + tag)
            .noneMatch(a -> a.equals("style") || a.startsWith("on"));
        if (tag.name().equals("script")) {
          assertThat(tag.attributes()).as(what + ": " + tag).containsKey("src");
          assertThat(html.substring(tag.end(), html.indexOf("</script>", tag.end())))
              .as(what + ": the body of " + tag)
              .isBlank();
        }
        assertThat(tag.name()).as(what).isNotIn("style", "iframe", "object", "embed", "base");
        for (String attribute : URL_ATTRIBUTES) {
          String url = tag.attributes().get(attribute);
          if (url != null) {
            assertThat(url)
                .as(what + ": " + attribute + " of " + tag)
                .doesNotContainPattern("^\\s*(?i:[a-z][a-z0-9+.-]*:|//|\\\\)");
          }
        }
      }
      if (!what.contains("hostile")) {
        // reporter-controlled text may say http://, as text; the samples' pages say it nowhere
        assertThat(html).as(what).doesNotContainPattern("(?i)https?://");
      }
    }
  }

  private static final List<String> URL_ATTRIBUTES =
      List.of("href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href");

  // ---- the API and the CSV agree with the weekly summary --------------------------------------

  @Test
  void the_api_gives_each_domain_the_numbers_of_the_weekly_summary() throws Exception {
    JsonNode summary = summary(W11);
    JsonNode api = json(send(authed("/api/domains?week=2026-W11")));

    assertThat(api.get("page").asText()).isEqualTo("overview");
    assertThat(api.get("week").asText()).isEqualTo("2026-W11");
    Map<String, List<Long>> expected = counts(summary.get("domains"));
    Map<String, List<Long>> actual = counts(api.get("domains"));
    assertThat(expected)
        .containsKeys("example.com", "example.net", "example.org", HOSTILE)
        .allSatisfy((domain, counts) -> assertThat(counts.get(0)).as(domain).isPositive());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void a_domains_api_gives_the_numbers_of_the_weekly_summary() throws Exception {
    for (JsonNode expected : summary(W11).get("domains")) {
      String domain = expected.get("domain").asText();
      JsonNode api = json(send(authed("/api/domains/" + domain + "?week=2026-W11")));
      assertThat(api.get("page").asText()).isEqualTo("domain");
      assertThat(api.get("domain").asText()).isEqualTo(domain);
      for (String field :
          List.of("messages", "dmarc_pass", "spf_aligned_pass", "dkim_aligned_pass")) {
        assertThat(api.get(field).asLong())
            .as(domain + " " + field)
            .isEqualTo(expected.get(field).asLong());
      }
      assertThat(api.get("previous_week_messages").asLong())
          .as(domain)
          .isEqualTo(expected.get("previous_week").get("messages").asLong());
      Map<String, Long> sources = new TreeMap<>();
      expected
          .get("sources")
          .forEach(s -> sources.put(s.get("ip").asText(), s.get("messages").asLong()));
      Map<String, Long> apiSources = new TreeMap<>();
      api.get("sources")
          .forEach(s -> apiSources.put(s.get("ip").asText(), s.get("messages").asLong()));
      assertThat(apiSources).as(domain).isEqualTo(sources);
    }
  }

  @Test
  void the_overview_csv_has_the_apis_fields_and_values() throws Exception {
    HttpResponse<String> csv = send(authed("/?week=2026-W11&format=csv"));

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(
            cd -> assertThat(cd).startsWith("attachment;").contains("puerto-overview-domains.csv"));
    sameAsApi(csv.body(), json(send(authed("/api/domains?week=2026-W11"))).get("domains"));
  }

  @Test
  void a_domains_sources_csv_has_the_apis_fields_and_values() throws Exception {
    HttpResponse<String> csv =
        send(authed("/domains/example.com?week=2026-W11&format=csv&table=sources"));

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(cd -> assertThat(cd).contains("puerto-domain-sources.csv"));
    JsonNode api = json(send(authed("/api/domains/example.com?week=2026-W11"))).get("sources");
    assertThat(api).isNotEmpty();
    sameAsApi(csv.body(), api);
  }

  @Test
  void every_table_of_a_page_is_a_csv_and_an_unknown_one_is_a_400() throws Exception {
    JsonNode api = json(send(authed("/api/domains/example.org?week=2026-W11")));
    for (String table :
        List.of(
            "sources", "days", "reporters", "failure_reports", "smtp_tls", "smtp_tls_failures")) {
      HttpResponse<String> csv =
          send(authed("/domains/example.org?week=2026-W11&format=csv&table=" + table));
      assertThat(csv.statusCode()).as(table).isEqualTo(200);
      sameAsApi(csv.body(), api.get(table));
    }
    HttpResponse<String> unknown =
        send(authed("/domains/example.org?week=2026-W11&format=csv&table=%3Cb%3Enope"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("&lt;b&gt;nope").doesNotContain("<b>nope");
  }

  @Test
  void a_csv_cell_a_spreadsheet_would_take_for_a_formula_starts_with_an_apostrophe()
      throws Exception {
    HttpResponse<String> csv =
        send(authed("/domains/" + HOSTILE + "?week=2026-W11&format=csv&table=reporters"));

    assertThat(csv.statusCode()).isEqualTo(200);
    List<String> names = records(csv.body()).stream().map(r -> r.get("name")).toList();
    assertThat(names).contains(SCRIPT_ORG);
    for (String org : FORMULA_ORGS) {
      assertThat(names).contains("'" + org).doesNotContain(org);
    }
    // the API gives the name as the report says it
    List<String> api = new ArrayList<>();
    json(send(authed("/api/domains/" + HOSTILE + "?week=2026-W11")))
        .get("reporters")
        .forEach(r -> api.add(r.get("name").asText()));
    assertThat(api).containsAll(FORMULA_ORGS);
  }

  // ---- escaping -------------------------------------------------------------------------------

  @Test
  void the_reporters_markup_shows_escaped_on_the_domain_report_and_inputs_pages() throws Exception {
    long report = reportOf(SCRIPT_ORG, HOSTILE);
    String domain = body(authed("/domains/" + HOSTILE + "?week=2026-W11"));
    String reportPage = body(authed("/reports/" + report));
    String inputs = body(authed("/inputs"));

    assertThat(domain).contains(SCRIPT_ORG_ESCAPED);
    assertThat(reportPage).contains(SCRIPT_ORG_ESCAPED).contains(IMG_ESCAPED);
    assertThat(inputs).contains(IMG_ESCAPED);
    for (String page : List.of(domain, reportPage, inputs)) {
      assertThat(page).doesNotContain("<script>").doesNotContain("<img");
    }
  }

  @Test
  void a_rejected_inputs_error_shows_escaped_on_the_inputs_page() throws Exception {
    String inputs = body(authed("/inputs?status=rejected"));

    assertThat(inputs).contains("&lt;script&gt;alert(2)&lt;/script&gt;").doesNotContain("<script>");
    JsonNode api = json(send(authed("/api/inputs?status=rejected")));
    assertThat(api.get("inputs").findValuesAsText("error"))
        .anySatisfy(e -> assertThat(e).contains(REJECTED_IP));
  }

  @Test
  void the_hostile_reports_text_comes_back_unchanged_in_the_json() throws Exception {
    JsonNode report = json(send(authed("/api/reports/" + reportOf(SCRIPT_ORG, HOSTILE))));

    assertThat(report.get("org_name").asText()).isEqualTo(SCRIPT_ORG);
    assertThat(report.get("report_id").asText()).isEqualTo(IMG_REPORT_ID);
  }

  // ---- errors ---------------------------------------------------------------------------------

  @Test
  void an_unknown_domain_report_input_or_page_is_a_404() throws Exception {
    for (String path :
        List.of(
            "/domains/nobody.example?week=2026-W11",
            "/reports/999999999",
            "/inputs/999999999/raw",
            "/no-such-page")) {
      HttpResponse<String> response = send(authed(path));
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
      assertThat(response.body()).as(path).contains("Not found");
    }
    for (String path :
        List.of("/api/domains/nobody.example?week=2026-W11", "/api/reports/999999999")) {
      HttpResponse<String> response = send(authed(path));
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
      assertThat(json(response).get("error").asText()).as(path).isNotBlank();
    }
  }

  @Test
  void an_unknown_domain_with_markup_in_its_name_is_a_404_that_shows_it_escaped() throws Exception {
    HttpResponse<String> response =
        send(authed("/domains/" + encode("<script>alert(4)</script>") + "?week=2026-W11"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("<script>alert");
  }

  @Test
  void a_week_that_is_no_week_is_a_400_that_says_so_escaped() throws Exception {
    HttpResponse<String> garbage = send(authed("/?week=garbage"));
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("'garbage' is not an ISO week");

    String hostile = "<script>alert(3)</script>";
    HttpResponse<String> page = send(authed("/domains/example.com?week=" + encode(hostile)));
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(page.body())
        .contains("&lt;script&gt;alert(3)&lt;/script&gt;")
        .doesNotContain(hostile);

    HttpResponse<String> api = send(authed("/api/domains?week=" + encode(hostile)));
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    assertThat(json(api).get("error").asText()).contains("'" + hostile + "' is not an ISO week");
  }

  @Test
  void a_source_that_is_no_ip_address_is_a_400_that_says_so_escaped() throws Exception {
    HttpResponse<String> page = send(authed("/sources/not-an-ip"));
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("'not-an-ip' is not an IPv4 or IPv6 address");

    String hostile = "<img src=x onerror=alert(5)>";
    HttpResponse<String> markup = send(authed("/sources/" + encode(hostile)));
    assertThat(markup.statusCode()).isEqualTo(400);
    assertThat(markup.body())
        .contains("&lt;img src=x onerror=alert(5)&gt;")
        .doesNotContain(hostile);

    HttpResponse<String> api = send(authed("/api/sources/" + encode(hostile)));
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(json(api).get("error").asText()).contains(hostile);
  }

  @Test
  void other_bad_parameters_are_400s() throws Exception {
    for (String path :
        List.of(
            "/reports/abc",
            "/reports/0",
            "/reports/-1",
            "/inputs?before=abc",
            "/inputs?status=nonsense",
            "/domains/example.com?week=2026-W11&disposition=%3Cb%3E",
            "/inputs/abc/raw")) {
      HttpResponse<String> response = send(authed(path));
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.body()).as(path).doesNotContain("<b>");
    }
  }

  // ---- raw download ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wp.pl!example.com!1773360000!1773446399.xml",
        "google.com!example.org!1773100800!1773187199.zip",
        "mimecast.org!example.com!1773187200!1773273599.eml"
      })
  void an_inputs_raw_download_is_its_original_bytes(String sample) throws Exception {
    long input = inputOf(sample);
    HttpResponse<byte[]> raw =
        http.send(
            authed("/inputs/" + input + "/raw").build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(raw.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"puerto-input-" + input + ".raw\"");
    assertThat(raw.body()).isEqualTo(Files.readAllBytes(SAMPLES.resolve(sample)));
  }

  // ---- metrics --------------------------------------------------------------------------------

  @Test
  void metrics_are_prometheus_text_with_puerto_names_and_the_databases_numbers() throws Exception {
    HttpResponse<String> response = send(authed("/metrics"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            ct ->
                assertThat(ct.replace(" ", ""))
                    .startsWith("text/plain;")
                    .contains("version=0.0.4"));

    List<PrometheusText.Family> families = PrometheusText.parse(response.body());
    Map<String, PrometheusText.Family> byName =
        families.stream().collect(Collectors.toMap(PrometheusText.Family::name, f -> f));
    assertThat(byName.keySet())
        .allMatch(n -> n.startsWith("puerto_"))
        .contains(
            "puerto_inputs",
            "puerto_reporter_last_report_timestamp_seconds",
            "puerto_dmarc_day_messages",
            "puerto_dmarc_day_pass_messages",
            "puerto_dmarc_day_spf_aligned_messages",
            "puerto_dmarc_day_dkim_aligned_messages",
            "puerto_dmarc_day_quarantined_messages",
            "puerto_dmarc_day_rejected_messages",
            "puerto_dmarc_day_failing_sources",
            "puerto_last_input_received_timestamp_seconds",
            "puerto_rollup_pending_records");
    assertThat(families)
        .allSatisfy(
            f -> {
              assertThat(f.type()).as(f.name()).isEqualTo("gauge");
              assertThat(f.help()).as(f.name()).isNotBlank();
              assertThat(f.samples()).allSatisfy(s -> assertThat(s.name()).isEqualTo(f.name()));
            });

    // inputs per status, as the database counts them
    Map<String, Double> inputs = new TreeMap<>();
    for (var s : byName.get("puerto_inputs").samples()) {
      inputs.put(s.labels().get("status"), s.value());
    }
    Map<String, Double> stored = new TreeMap<>();
    for (InputStatus status : InputStatus.values()) {
      stored.put(status.code(), 0.0);
    }
    writes
        .dsl()
        .fetch("SELECT status::text, count(*) FROM inputs GROUP BY status")
        .forEach(r -> stored.put(r.get(0, String.class), r.get(1, Long.class).doubleValue()));
    assertThat(inputs).isEqualTo(stored);
    assertThat(inputs.get("rejected")).isPositive();
    assertThat(inputs.get("imported")).isPositive();
  }

  @Test
  void metrics_give_each_recent_reporter_of_each_domain_its_last_report() throws Exception {
    var family = metric("puerto_reporter_last_report_timestamp_seconds");

    // Every report begun within 35 days of the clock covers W10 or W11
    Set<String> expected = new TreeSet<>();
    for (IsoWeek week : List.of(W10, W11)) {
      for (JsonNode d : summary(week).get("domains")) {
        for (JsonNode r : d.get("reporters")) {
          expected.add(d.get("domain").asText() + " / " + r.get("name").asText());
        }
      }
    }
    Set<String> actual = new TreeSet<>();
    for (var s : family.samples()) {
      assertThat(s.labels().keySet()).containsExactlyInAnyOrder("domain", "reporter");
      actual.add(s.labels().get("domain") + " / " + s.labels().get("reporter"));
      assertThat(s.value())
          .as("%s: imported while this test ran", s.labels())
          .isBetween(importedFrom.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
    }
    assertThat(actual)
        .isEqualTo(expected)
        .contains(
            "example.com / google.com",
            "example.net / NetEase",
            HOSTILE + " / " + SCRIPT_ORG,
            HOSTILE + " / " + FORMULA_ORGS.get(0));
  }

  @Test
  void metrics_give_each_domain_the_counts_of_yesterday() throws Exception {
    String yesterday = "2026-03-14";
    Map<String, Map<String, Double>> expected = new TreeMap<>();
    for (JsonNode d : summary(W11).get("domains")) {
      for (JsonNode day : d.get("days")) {
        if (day.get("date").asText().equals(yesterday) && day.get("messages").asLong() > 0) {
          Map<String, Double> counts = new TreeMap<>();
          counts.put("puerto_dmarc_day_messages", day.get("messages").asDouble());
          counts.put("puerto_dmarc_day_pass_messages", day.get("dmarc_pass").asDouble());
          counts.put(
              "puerto_dmarc_day_spf_aligned_messages", day.get("spf_aligned_pass").asDouble());
          counts.put(
              "puerto_dmarc_day_dkim_aligned_messages", day.get("dkim_aligned_pass").asDouble());
          counts.put(
              "puerto_dmarc_day_quarantined_messages",
              day.get("dispositions").get("quarantine").asDouble());
          counts.put(
              "puerto_dmarc_day_rejected_messages",
              day.get("dispositions").get("reject").asDouble());
          expected.put(d.get("domain").asText(), counts);
        }
      }
    }
    assertThat(expected).containsKey("example.net");

    Map<String, Map<String, Double>> actual = new TreeMap<>();
    for (var f : PrometheusText.parse(body(authed("/metrics")))) {
      if (f.name().startsWith("puerto_dmarc_day_") && !f.name().endsWith("failing_sources")) {
        for (var s : f.samples()) {
          actual
              .computeIfAbsent(s.labels().get("domain"), k -> new TreeMap<>())
              .put(f.name(), s.value());
        }
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(metric("puerto_dmarc_day_failing_sources").samples())
        .extracting(s -> s.labels().get("domain"))
        .containsExactlyElementsOf(expected.keySet());
  }

  // ---- read-only ------------------------------------------------------------------------------

  @Test
  void the_database_the_dashboard_reads_refuses_every_write() {
    for (String write :
        List.of(
            "INSERT INTO hosts (ip) VALUES ('192.0.2.1')",
            "UPDATE inputs SET error = 'x'",
            "DELETE FROM reports",
            "CREATE TABLE pwned (x int)")) {
      assertThatThrownBy(() -> reads.dsl().execute(write))
          .as(write)
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25006"));
    }
    assertThat(writes.dsl().fetchOne("SELECT count(*) FROM reports").get(0, Long.class))
        .isPositive();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(dashboard.url().resolve(path)).timeout(Duration.ofSeconds(30));
  }

  private HttpRequest.Builder authed(String path) {
    return request(path).header("Authorization", basic(USER + ":" + PASSWORD));
  }

  private HttpRequest.Builder browser(String path) {
    return request(path).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
  }

  private HttpRequest.Builder login() {
    return loginRequest(USER, PASSWORD, "/");
  }

  private HttpRequest.Builder loginRequest(String user, String password, String next) {
    String form =
        "user=" + encode(user) + "&password=" + encode(password) + "&next=" + encode(next);
    return request("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form));
  }

  private HttpResponse<String> login(String user, String password, String next)
      throws IOException, InterruptedException {
    return send(loginRequest(user, password, next));
  }

  private static String cookie(HttpResponse<?> login) {
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String body(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
    return response.body();
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type"))
        .as(response.uri().toString())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private PrometheusText.Family metric(String name) throws Exception {
    return PrometheusText.parse(body(authed("/metrics"))).stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  /** The weekly summary of {@code week} as {@code puerto summary --format json} writes it. */
  private JsonNode summary(IsoWeek week) throws IOException {
    return JSON.readTree(
        SummaryFormat.JSON.render(
            new Summarizer(new SummaryReader(writes.dsl())).summarize(week, List.of())));
  }

  /** Per domain: messages, DMARC pass, SPF aligned pass, DKIM aligned pass. */
  private static Map<String, List<Long>> counts(JsonNode domains) {
    Map<String, List<Long>> counts = new TreeMap<>();
    for (JsonNode d : domains) {
      counts.put(
          d.get("domain").asText(),
          List.of(
              d.get("messages").asLong(),
              d.get("dmarc_pass").asLong(),
              d.get("spf_aligned_pass").asLong(),
              d.get("dkim_aligned_pass").asLong()));
    }
    return counts;
  }

  private static List<CSVRecord> records(String csv) throws IOException {
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))) {
      return parser.getRecords();
    }
  }

  /** The CSV's header is the API rows' field names, and each cell the API's value. */
  private static void sameAsApi(String csv, JsonNode apiRows) throws IOException {
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))) {
      List<CSVRecord> rows = parser.getRecords();
      assertThat(rows).hasSameSizeAs(apiRows);
      List<String> header = parser.getHeaderNames();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode api = apiRows.get(i);
        List<String> fields = new ArrayList<>();
        api.fieldNames().forEachRemaining(fields::add);
        assertThat(header).as("CSV header").isEqualTo(fields);
        for (String field : fields) {
          assertThat(rows.get(i).get(field))
              .as("row %d, %s", i, field)
              .isEqualTo(csvCell(api.get(field)));
        }
      }
    }
  }

  /** An API value as its CSV cell: lists space-separated, formulas defused with an apostrophe. */
  private static String csvCell(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    String text;
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.isNull() ? "" : v.asText()));
      text = String.join(" ", items);
    } else {
      text = value.asText();
    }
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  private long inputOf(String sample) {
    return writes
        .dsl()
        .fetchOne("SELECT id FROM inputs WHERE origin = ?", SAMPLES.resolve(sample).toString())
        .get(0, Long.class);
  }

  private long reportOf(String orgName, String domain) {
    return writes
        .dsl()
        .fetchOne(
            "SELECT min(id) FROM reports WHERE org_name = ? AND policy_domain = ?", orgName, domain)
        .get(0, Long.class);
  }

  private static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return e.getSQLState();
      }
    }
    return null;
  }

  // ---- the data -------------------------------------------------------------------------------

  /** Every importable sample at the top of {@code reports-samples/}, as puerto import does it. */
  private static void importSamples(Database database) throws IOException {
    SampleImports.importFiles(database, SampleImports.topLevel());
  }

  /**
   * In W11 (Thursday 2026-03-12), for {@link #HOSTILE}: a report whose org name is a script and
   * whose report id (and file name) breaks out of an attribute; reports from reporters named like
   * spreadsheet formulas; and an input rejected with an error that quotes a script.
   */
  private static void importHostileReports(Database database) throws IOException {
    Ingester ingester = ingester(database);
    ingester.ingest(
        InboundMessage.ofBytes(
            new Origin(Origin.Kind.FILE, IMG_REPORT_ID + ".xml"),
            aggregate(xml(SCRIPT_ORG), xml(IMG_REPORT_ID), "192.0.2.99")));
    int n = 0;
    for (String org : FORMULA_ORGS) {
      n++;
      ingester.ingest(
          InboundMessage.ofBytes(
              new Origin(Origin.Kind.FILE, "formula-" + n + ".xml"),
              aggregate(xml(org), "formula-" + n, "192.0.2.10" + n)));
    }
    ingester.ingest(
        InboundMessage.ofBytes(
            new Origin(Origin.Kind.FILE, "hostile-error.xml"),
            aggregate("receiver.example", "hostile-error", xml(REJECTED_IP))));
  }

  private static Ingester ingester(Database database) {
    return SampleImports.ingester(database);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static byte[] aggregate(String orgName, String reportId, String sourceIp) {
    long begin = Instant.parse("2026-03-12T00:00:00Z").getEpochSecond();
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <feedback>
          <report_metadata>
            <org_name>%s</org_name><email>dmarc@receiver.example</email>
            <report_id>%s</report_id>
            <date_range><begin>%d</begin><end>%d</end></date_range>
          </report_metadata>
          <policy_published>
            <domain>%s</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct>
          </policy_published>
          <record>
            <row><source_ip>%s</source_ip><count>7</count>
              <policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>pass</spf></policy_evaluated>
            </row>
            <identifiers><header_from>%s</header_from></identifiers>
            <auth_results><spf><domain>%s</domain><result>pass</result></spf></auth_results>
          </record>
        </feedback>
        """
        .formatted(orgName, reportId, begin, begin + 86399, HOSTILE, sourceIp, HOSTILE, HOSTILE)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A start tag of a page and its attributes, read the way a browser's tokenizer reads them. */
  private record Tag(String name, Map<String, String> attributes, int end) {
    private static final Pattern START = Pattern.compile("<([a-zA-Z][a-zA-Z0-9:-]*)");

    static List<Tag> all(String html) {
      List<Tag> tags = new ArrayList<>();
      Matcher m = START.matcher(html);
      int from = 0;
      while (m.find(from)) {
        int i = m.end();
        Map<String, String> attributes = new HashMap<>();
        int n = html.length();
        while (i < n) {
          char c = html.charAt(i);
          if (Character.isWhitespace(c) || c == '/') {
            i++;
            continue;
          }
          if (c == '>') {
            break;
          }
          int nameStart = i;
          while (i < n && "\t\n\f\r />=".indexOf(html.charAt(i)) < 0) {
            i++;
          }
          String name = html.substring(nameStart, i).toLowerCase();
          while (i < n && Character.isWhitespace(html.charAt(i))) {
            i++;
          }
          String value = "";
          if (i < n && html.charAt(i) == '=') {
            i++;
            while (i < n && Character.isWhitespace(html.charAt(i))) {
              i++;
            }
            char q = i < n ? html.charAt(i) : ' ';
            if (q == '"' || q == '\'') {
              int close = html.indexOf(q, i + 1);
              value = html.substring(i + 1, close);
              i = close + 1;
            } else {
              int valueStart = i;
              while (i < n && "\t\n\f\r >".indexOf(html.charAt(i)) < 0) {
                i++;
              }
              value = html.substring(valueStart, i);
            }
          }
          attributes.putIfAbsent(name, value);
        }
        tags.add(new Tag(m.group(1).toLowerCase(), attributes, i + 1));
        from = i + 1;
      }
      return tags;
    }

    @Override
    public String toString() {
      return "<" + name + " " + attributes + ">";
    }
  }
}
