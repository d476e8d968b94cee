package dev.puerto.web;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Server time of each dashboard page against a database as {@code dev.puerto.summary
 * .SummaryBenchmark} leaves it ({@code bench_summary}: domains bench0.example and on, 8 reporters,
 * 104 weeks from 2025-01-06, 2,000 source IPs per domain). Not a test: run by hand, after that
 * benchmark has finished, against its database (opened read-only, as {@code puerto serve} does):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
 *   -Dmdep.includeScope=test
 * psql -h 127.0.0.1 -U postgres -d bench_summary -c 'VACUUM ANALYZE'
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   dev.puerto.web.DashboardBenchmark "jdbc:postgresql://127.0.0.1:5432/bench_summary?user=postgres"
 * </pre>
 *
 * The dashboard listens on 127.0.0.1 (any free port) with a clock fixed in 2025-W41, so that its
 * default week is 2025-W40. Each page is asked for 3 times to warm up, then 30 times timed, one
 * request at a time, over HTTP with Basic authentication; every answer must be a 200. Printed: the
 * database's records and domains, then per page the median, 95th percentile and slowest time in
 * milliseconds as a Markdown table. An optional second argument sets the timed requests per page,
 * an optional third the pages to time (their names in the table, separated by ";").
 */
public final class DashboardBenchmark {
  private static final String WEEK = "2025-W40";
  private static final String DOMAIN = "bench0.example";
  private static final Instant NOW = Instant.parse("2025-10-08T12:00:00Z");
  private static final int WARM_UP = 3;
  private static final int DEFAULT_TIMED = 30;
  private static final String USER = "bench";
  private static final String PASSWORD = "benchmark-password";

  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url =
        args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/bench_summary?user=postgres";
    int timed = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_TIMED;
    List<String> only = args.length > 2 ? List.of(args[2].split(";")) : List.of();
    try (Database database =
        Database.openReadOnlyPrimary(
            new DatabaseSettings(url, null, null, Path.of("unused-home")))) {
      DSLContext dsl = database.dsl();
      IsoWeek week = IsoWeek.parse(WEEK);
      long records = dsl.fetchOne("SELECT count(*) FROM records").get(0, Long.class);
      long domains =
          dsl.fetchOne("SELECT count(DISTINCT policy_domain) FROM reports").get(0, Long.class);
      String busyIp =
          dsl.fetchOne(
                  "SELECT host(source_ip) FROM daily_rollups WHERE policy_domain = ?"
                      + " AND day BETWEEN ?::date AND ?::date GROUP BY source_ip"
                      + " ORDER BY sum(messages) DESC, source_ip LIMIT 1",
                  DOMAIN,
                  week.monday().toString(),
                  week.sunday().toString())
              .get(0, String.class);
      var report =
          dsl.fetchOne(
              "SELECT id, org_name FROM reports WHERE policy_domain = ?"
                  + " AND begin_at >= ?::timestamptz AND begin_at < ?::timestamptz"
                  + " ORDER BY begin_at, id LIMIT 1",
              DOMAIN,
              week.start().toString(),
              week.end().toString());
      long reportId = report.get(0, Long.class);
      String reporter = report.get(1, String.class);
      System.out.printf(
          Locale.ROOT,
          "%,d records in %,d domains; source %s, report %d, reporter %s%n",
          records,
          domains,
          busyIp,
          reportId,
          reporter);

      Map<String, String> pages = new LinkedHashMap<>();
      String domainPage = "/domains/" + DOMAIN + "?week=" + WEEK;
      pages.put("overview", "/?week=" + WEEK);
      pages.put("overview JSON", "/api/domains?week=" + WEEK);
      pages.put("domain", domainPage);
      pages.put("domain, failing", domainPage + "&failing=1");
      pages.put(
          "domain, one reporter",
          domainPage + "&reporter=" + URLEncoder.encode(reporter, StandardCharsets.UTF_8));
      pages.put("source", "/sources/" + busyIp + "?week=" + WEEK);
      pages.put("report", "/reports/" + reportId);
      pages.put("inputs", "/inputs");
      pages.put("inputs, rejected", "/inputs?status=rejected");
      pages.put("domain sources CSV", domainPage + "&format=csv&table=sources");
      pages.put("metrics", "/metrics");
      if (!only.isEmpty()) {
        pages.keySet().retainAll(only);
      }

      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      Dashboard dashboard =
          Dashboard.start(
              new DashboardSettings("127.0.0.1", 0, USER, PASSWORD, true),
              dsl,
              new Summarizer(new SummaryReader(dsl)),
              clock);
      List<String> lines = new ArrayList<>();
      try {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String authorization =
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (var page : pages.entrySet()) {
          URI uri = dashboard.url().resolve(page.getValue());
          HttpRequest request =
              HttpRequest.newBuilder(uri)
                  .header("Authorization", authorization)
                  .timeout(Duration.ofMinutes(2))
                  .GET()
                  .build();
          long bytes = 0;
          for (int i = 0; i < WARM_UP; i++) {
            bytes = get(client, request).length;
          }
          double[] millis = new double[timed];
          for (int i = 0; i < timed; i++) {
            long t = System.nanoTime();
            get(client, request);
            millis[i] = (System.nanoTime() - t) / 1e6;
          }
          Arrays.sort(millis);
          String line =
              String.format(
                  Locale.ROOT,
                  "| %s | `%s` | %.0f | %.0f | %.0f | %,d |",
                  page.getKey(),
                  page.getValue(),
                  percentile(millis, 50),
                  percentile(millis, 95),
                  millis[millis.length - 1],
                  bytes);
          System.out.println(line);
          lines.add(line);
        }
      } finally {
        dashboard.close();
      }
      System.out.printf(
          Locale.ROOT,
          "%n%,d records in %,d domains, %d timed requests per page after %d to warm up%n%n",
          records,
          domains,
          timed,
          WARM_UP);
      System.out.println("| page | path | p50 ms | p95 ms | max ms | bytes |");
      System.out.println("|---|---|---:|---:|---:|---:|");
      lines.forEach(System.out::println);
    }
  }

  private static byte[] get(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  /** The nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
