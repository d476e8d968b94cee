package dev.puerto.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.store.Database;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.SampleImports;
import dev.puerto.testing.TestDatabase;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard started in Spanish, as {@code puerto --lang es serve} starts it, over {@code
 * reports-samples/}: its pages say {@code lang="es"} and speak Spanish, with Spanish numbers, while
 * the JSON and CSV a script reads are the same as in English.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSpanishTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-15T20:00:00Z"), ZoneOffset.UTC);
  private static final String USER = "puerto";
  private static final String PASSWORD = "correct horse battery staple";

  /** English labels of the pages that the Spanish pages must not show. */
  private static final Pattern ENGLISH =
      Pattern.compile(
          ">[^<]*\\b(Overview|Log out|Week|Show|Messages|Sources|Reporters|Days|Domains|Inputs"
              + "|Policy advice|Look at|What to do|All domains|the week before|The same as JSON"
              + "|Who it is|Failure reports|Verdict|Received|Status)\\b[^<]*<");

  private final Database database;
  private final Dashboard dashboard;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  DashboardSpanishTest(TestDatabase test) throws Exception {
    database = test.open();
    SampleImports.importFiles(database, SampleImports.topLevel());
    dashboard =
        Dashboard.start(
            new DashboardSettings("127.0.0.1", 0, USER, PASSWORD, true),
            database.dsl(),
            new Summarizer(new SummaryReader(database.dsl()), Messages.of(Lang.ES)),
            CLOCK);
  }

  @AfterAll
  void stop() {
    dashboard.close();
    database.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/?week=2026-W11",
        "/domains/example.com?week=2026-W11",
        "/sources/192.0.2.25?week=2026-W11",
        "/inputs",
        "/no/such/page"
      })
  void every_page_says_it_is_spanish_and_shows_no_english_label(String path) throws Exception {
    HttpResponse<String> page = send(authed(path));
    String html = page.body();
    assertThat(html).contains("<html lang=\"es\">").contains(">Resumen</a>");
    assertThat(html).contains("Cerrar sesión");
    Matcher english = ENGLISH.matcher(html);
    assertThat(english.find() ? english.group() : null).as(path).isNull();
  }

  @Test
  void the_overview_has_spanish_headings_numbers_and_advice() throws Exception {
    String html = send(authed("/?week=2026-W11")).body();
    assertThat(html)
        .contains("<h1>Sus dominios en 2026-W11</h1>")
        .contains("del 2026-03-09 al 2026-03-15 (UTC)")
        .contains(">Dominios")
        .contains(">Superan DMARC</th>")
        .contains(">Consejo sobre la política</th>")
        .containsPattern(">\\d+,\\d\u00a0%<")
        .contains("Lo mismo en JSON:");
  }

  @Test
  void the_domain_page_has_spanish_cards_tables_and_chart() throws Exception {
    String html = send(authed("/domains/example.com?week=2026-W11")).body();
    assertThat(html)
        .contains("Política y DNS")
        .contains("Mensajes por día")
        .contains("Superan DMARC")
        .contains("Fallan, rechazados")
        .contains("la semana anterior")
        .contains(">Orígenes")
        .contains(">Qué hacer</th>")
        .contains(">lun 9</text>")
        .contains("ejecute");
  }

  @Test
  void the_login_form_is_spanish() throws Exception {
    String html = send(request("/login").header("Accept", "text/html")).body();
    assertThat(html)
        .contains("<html lang=\"es\">")
        .contains("Iniciar sesión en Puerto")
        .contains("Contraseña")
        .doesNotContain("Password");
  }

  @Test
  void json_keys_stay_the_same_language_neutral_ones() throws Exception {
    HttpResponse<String> api = send(authed("/api/domains?week=2026-W11"));
    JsonNode json = new ObjectMapper().readTree(api.body());
    JsonNode domain = json.get("domains").get(0);
    assertThat(domain.has("dmarc_pass_rate")).isTrue();
    assertThat(domain.get("messages").isNumber()).isTrue();
    String csv = send(authed("/?week=2026-W11&format=csv")).body();
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("domain,messages,");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(dashboard.url().resolve(path)).timeout(Duration.ofSeconds(30));
  }

  private HttpRequest.Builder authed(String path) {
    return request(path)
        .header("Accept", "text/html")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
