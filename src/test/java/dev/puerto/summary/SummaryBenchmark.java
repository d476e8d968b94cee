package dev.puerto.summary;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * Wall time of {@code puerto summary --format json} for one domain-week with 1,000,000 and
 * 10,000,000 records in the database (or the sizes given as a second argument, comma-separated), of
 * a dashboard's domain-week sources and a metrics scrape's totals from the roll-ups, the database's
 * bytes per record, and at the end the prune of the oldest month. Not a test: run by hand against a
 * PostgreSQL server whose user may create databases (it drops and recreates {@code bench_summary}):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   dev.puerto.summary.SummaryBenchmark "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
 * </pre>
 *
 * The data: 4 policy domains, 8 reporters each sending one report a day (begin times spread over
 * the day, so reports cross midnight), 104 weeks from 2025-01-06, 2,000 source IPs per domain. Each
 * size adds a batch of such reports with as many records per report as it takes, so one domain-week
 * holds about 1/416 of the records. Each size is timed three times, each a new JVM.
 *
 * <p>With {@code domains} as a third argument the database grows the way a large sender's does, by
 * domains instead: the first size sets the records per report for 4 domains, and each further size
 * adds domains with that many records per report, so the domain-week read stays the same size while
 * the tables grow around it.
 */
public final class SummaryBenchmark {
  private static final String DATABASE = "bench_summary";
  private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 6);
  private static final int DAYS = 104 * 7;
  private static final int DOMAINS = 4;
  private static final int REPORTERS = 8;
  private static final String WEEK = "2025-W40";
  private static final String DOMAIN = "bench0.example";
  private static final long[] DEFAULT_SIZES = {1_000_000, 10_000_000};

  /** A dashboard's domain page: the week's sources of one domain, busiest first. */
  private static final String DOMAIN_WEEK =
      "SELECT source_ip, sum(messages) AS messages, sum(dmarc_pass_messages) AS pass"
          + " FROM dmarc_daily_sources WHERE policy_domain = ? AND day BETWEEN ?::date AND ?::date"
          + " GROUP BY source_ip ORDER BY messages DESC LIMIT 50";

  /** A /metrics scrape: every domain's totals of the last day. */
  private static final String METRICS =
      "SELECT policy_domain, sum(messages), sum(dmarc_pass_messages), count(DISTINCT source_ip)"
          + " FROM dmarc_daily_rollups WHERE day = ?::date GROUP BY policy_domain";

  private SummaryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String adminUrl =
        args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    long[] sizes =
        args.length > 1
            ? java.util.Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray()
            : DEFAULT_SIZES;
    try (Connection admin = DriverManager.getConnection(adminUrl);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + DATABASE + "$1");
    List<String> lines = new ArrayList<>();
    try (Database database =
        Database.open(new DatabaseSettings(url, null, null, Path.of("unused-home")))) {
      DSLContext dsl = database.dsl();
      long inputId =
          number(
              dsl,
              "INSERT INTO inputs (sha256, origin_kind, origin, size_bytes, raw_gzip, status)"
                  + " VALUES (sha256('bench'::bytea), 'file', 'benchmark', 0, ''::bytea,"
                  + " 'imported') RETURNING id");
      boolean growByDomains = args.length > 2 && args[2].equals("domains");
      long records = 0;
      int batch = 0;
      int domains = 0;
      int perReport = 0;
      for (long size : sizes) {
        int newDomains = DOMAINS;
        if (!growByDomains || batch == 0) {
          perReport = (int) ((size - records) / ((long) DAYS * DOMAINS * REPORTERS));
        } else {
          newDomains = (int) ((size - records) / ((long) DAYS * REPORTERS * perReport));
        }
        long started = System.nanoTime();
        insertBatch(dsl, inputId, ++batch, perReport, growByDomains ? domains : 0, newDomains);
        domains = growByDomains ? domains + newDomains : DOMAINS;
        dsl.execute("ANALYZE");
        records = number(dsl, "SELECT count(*) FROM records");
        long weekRecords =
            number(
                dsl,
                "SELECT count(*) FROM dmarc_record_days WHERE policy_domain = ?"
                    + " AND day BETWEEN ?::date AND ?::date",
                DOMAIN,
                IsoWeek.parse(WEEK).monday().toString(),
                IsoWeek.parse(WEEK).sunday().toString());
        System.out.printf(
            Locale.ROOT,
            "%,d records in %,d domains (%,d record-days in %s of %s), loaded in %.0f s%n",
            records,
            domains,
            weekRecords,
            WEEK,
            DOMAIN,
            (System.nanoTime() - started) / 1e9);
        List<String> inProcess = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<String> baseline = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
          long t = System.nanoTime();
          String json =
              SummaryFormat.JSON.render(
                  new Summarizer(new SummaryReader(dsl))
                      .summarize(IsoWeek.parse(WEEK), List.of(DOMAIN)));
          inProcess.add(seconds(System.nanoTime() - t, json.length() > 100));
          times.add(
              seconds(
                  runPuerto(
                      url, "summary", "--week", WEEK, "--domain", DOMAIN, "--format", "json")));
          baseline.add(seconds(runPuerto(url, "sql", "SELECT 1")));
        }
        List<String> domainWeek = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        IsoWeek week = IsoWeek.parse(WEEK);
        for (int run = 0; run < 3; run++) {
          long t = System.nanoTime();
          dsl.fetch(DOMAIN_WEEK, DOMAIN, week.monday().toString(), week.sunday().toString());
          domainWeek.add(millis(System.nanoTime() - t));
          t = System.nanoTime();
          dsl.fetch(METRICS, week.sunday().toString());
          metrics.add(millis(System.nanoTime() - t));
        }
        String line =
            String.format(
                Locale.ROOT,
                "| %,d | %,d | %s | %s | %s | %s | %s | %.0f |",
                records,
                weekRecords,
                String.join(", ", inProcess),
                String.join(", ", times),
                String.join(", ", baseline),
                String.join(", ", domainWeek),
                String.join(", ", metrics),
                bytesPerRecord(dsl, records));
        System.out.println(line);
        lines.add(line);
      }
      // the oldest month goes, as puerto prune drops it
      long before = number(dsl, "SELECT count(*) FROM records");
      long t = System.nanoTime();
      var plan =
          new dev.puerto.store.Retention(database)
              .prune(
                  FIRST_DAY
                      .plusMonths(1)
                      .withDayOfMonth(1)
                      .atStartOfDay()
                      .toInstant(java.time.ZoneOffset.UTC),
                  dev.puerto.store.Retention.Raw.KEEP,
                  dev.puerto.store.Retention.Rollups.KEEP);
      System.out.printf(
          Locale.ROOT,
          "prune of %s: %,d records in %.2f s (%,d records left of %,d)%n",
          plan.months(),
          plan.records(),
          (System.nanoTime() - t) / 1e9,
          number(dsl, "SELECT count(*) FROM records"),
          before);
    }
    System.out.println(
        "| records in the database | record-days in the domain-week | summary queries and JSON"
            + " (in process) | `puerto summary --format json` (new JVM) | `puerto sql \"SELECT 1\"`"
            + " (new JVM: start, connect, schema check) | domain-week sources (in process) |"
            + " metrics totals of a day (in process) | database bytes per record |");
    System.out.println("|---:|---:|---|---|---|---|---|---:|");
    lines.forEach(System.out::println);
  }

  private static long number(DSLContext dsl, String sql, Object... binds) {
    return dsl.fetchOne(sql, binds).get(0, Long.class);
  }

  /**
   * One batch: a report per domain (bench{@code firstDomain}.example and the {@code domains - 1}
   * after it), reporter and day, each with {@code perReport} records.
   */
  private static void insertBatch(
      DSLContext dsl, long inputId, int batch, int perReport, int firstDomain, int domains) {
    dsl.execute(
        "INSERT INTO reports (input_id, input_part, org_name, report_id, begin_at, end_at,"
            + " policy_domain, p, sp, pct, record_count)"
            + " SELECT ?, 'batch-' || ?::int, 'reporter' || r || '.example',"
            + " 'b' || ?::int || '-' || d || '-' || r, b, b + interval '1 day',"
            + " 'bench' || dom || '.example', 'none', 'none', 100, ?::int"
            + " FROM generate_series(0, ? - 1) d, generate_series(?, ?) dom,"
            + " generate_series(0, ? - 1) r,"
            + " LATERAL (SELECT ?::timestamptz + d * interval '1 day'"
            + "          + r * interval '3 hours' + r * interval '7 seconds') t(b)",
        inputId,
        batch,
        batch,
        perReport,
        DAYS,
        firstDomain,
        firstDomain + domains - 1,
        REPORTERS,
        FIRST_DAY.atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
    dsl.execute(
        "SELECT ensure_month_partitions(m) FROM (SELECT DISTINCT period_month FROM reports) s(m)");
    // A statement per 256 reports, rolled up every 64 statements and at the end, as importers do.
    long first =
        number(dsl, "SELECT min(id) FROM reports WHERE input_part = 'batch-' || ?::int", batch);
    long last =
        number(dsl, "SELECT max(id) FROM reports WHERE input_part = 'batch-' || ?::int", batch);
    for (long from = first; from <= last; from += 256) {
      insertRecords(dsl, batch, perReport, from, Math.min(last, from + 255));
      if ((from - first) / 256 % 64 == 63) {
        dsl.execute("SELECT apply_rollups()");
      }
    }
    dsl.execute("SELECT apply_rollups()");
  }

  private static void insertRecords(DSLContext dsl, int batch, int perReport, long from, long to) {
    dsl.execute(
        "INSERT INTO records (report_key, period_month, record_no, source_ip, message_count,"
            + " disposition, dkim_result, spf_result, header_from)"
            + " SELECT rep.id, rep.period_month, n, '198.18.0.0'::inet + ((rep.id * 31 + n) % 2000),"
            + " 1 + (rep.id * n) % 50, CASE WHEN n % 29 = 0 THEN 'quarantine' ELSE 'none' END,"
            + " CASE WHEN n % 20 = 0 THEN 'fail' ELSE 'pass' END,"
            + " CASE WHEN n % 3 = 0 THEN 'fail' ELSE 'pass' END, rep.policy_domain"
            + " FROM reports rep, generate_series(1, ?) n WHERE rep.input_part = 'batch-' || ?::int"
            + " AND rep.id BETWEEN ? AND ?",
        perReport, batch, from, to);
  }

  private static String seconds(long nanos, boolean valid) {
    if (!valid) {
      throw new IllegalStateException("the summary is empty");
    }
    return seconds(nanos / 1e9);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }

  /** The whole database's size over its records: tables, indexes, roll-ups, reports. */
  private static double bytesPerRecord(DSLContext dsl, long records) {
    return number(dsl, "SELECT pg_database_size(current_database())") / (double) records;
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.2f s", value);
  }

  /** Runs {@code puerto --db URL ARGS} in a new JVM, output to a file; returns its wall time. */
  private static double runPuerto(String url, String... args) throws Exception {
    Path output = Files.createTempFile("summary", ".out");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.jooq.no-logo=true",
                "-Dorg.jooq.no-tips=true",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.puerto.cli.Main",
                "--db",
                url));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    long started = System.nanoTime();
    int exit = builder.start().waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exit != 0 || Files.size(output) == 0) {
      throw new IllegalStateException("puerto " + String.join(" ", args) + " exited " + exit);
    }
    Files.delete(output);
    return seconds;
  }
}
