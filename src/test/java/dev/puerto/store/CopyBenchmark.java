package dev.puerto.store;

import dev.puerto.parse.AggregateReport;
import dev.puerto.parse.DkimResult;
import dev.puerto.parse.OverrideReason;
import dev.puerto.parse.PolicyPublished;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.SpfAuthResult;
import dev.puerto.store.ReportColumns.ReportRow;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The record tables written by the unnest statements of {@link ReportInserts} against COPY, for a
 * small report (50 records), a batch-sized one (1000) and one of a million records; with and
 * without {@code synchronous_commit}, one report per transaction or ten, and an input's three
 * commits (register, report, finish) against one. Prints per variant: ms per report, records/s,
 * client CPU and server CPU (the backends' utime+stime read from /proc, so the server must run on
 * this host).
 *
 * <p>Run: {@code mvn -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.puerto.store.CopyBenchmark
 * -Dexec.args="jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres small"} (a server where the
 * benchmark may create the database puerto_copy_bench; {@code small}, {@code large}, {@code
 * million-unnest} or {@code million-copy}; the million runs are meant for {@code -Xmx128m}).
 */
public final class CopyBenchmark {
  private static final String DATABASE = "puerto_copy_bench";

  /** The report alone, for the COPY variants: they cannot share one statement with it. */
  private static final String INSERT_REPORT_ONLY =
      "INSERT INTO %s (%s) VALUES (%s) ON CONFLICT ON CONSTRAINT reports_natural_key DO NOTHING RETURNING id"
          .formatted(
              ReportColumns.REPORT.table(),
              ReportColumns.REPORT.names(),
              ReportColumns.REPORT.rowParameters());

  public static void main(String[] args) throws Exception {
    String serverUrl =
        args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    String mode = args.length > 1 ? args[1] : "small";
    try (Connection admin = DriverManager.getConnection(serverUrl)) {
      DSL.using(admin).execute("DROP DATABASE IF EXISTS " + DATABASE);
      DSL.using(admin).execute("CREATE DATABASE " + DATABASE);
    }
    String url = serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
    String asyncUrl =
        url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
    Path home = Files.createTempDirectory("copy-bench");
    try (Database sync = Database.open(new DatabaseSettings(url, null, null, home));
        Database async = Database.open(new DatabaseSettings(asyncUrl, null, null, home))) {
      new Partitions().ensureNow(sync.dsl(), Instant.parse("2026-01-01T00:00:00Z"));
      CopyBenchmark bench = new CopyBenchmark(sync.dsl());
      switch (mode) {
        case "small" -> bench.perReport(sync.dsl(), async.dsl(), 50, 1000);
        case "large" -> bench.perReport(sync.dsl(), async.dsl(), 1000, 100);
        case "million-unnest" -> bench.million(sync, false);
        case "million-copy" -> bench.million(sync, true);
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
  }

  private final long inputId;
  private final AtomicLong reportNo = new AtomicLong();
  private final Random random = new Random(1);

  private CopyBenchmark(DSLContext dsl) {
    inputId = insertInput(dsl);
  }

  private void perReport(DSLContext sync, DSLContext async, int records, int reports)
      throws Exception {
    // warm-up of both paths, then each variant twice in turn
    for (int round = 0; round < 3; round++) {
      int n = round == 0 ? reports / 4 : reports;
      String tag = round == 0 ? "warm-up " : "";
      measure(tag + "unnest, 1 statement, autocommit", sync, records, n, this::unnest);
      measure(tag + "copy, insert + COPY x4, 1 tx", sync, records, n, this::copy);
      if (round == 0) {
        continue;
      }
      measure("unnest, synchronous_commit=off", async, records, n, this::unnest);
      measure("copy, synchronous_commit=off", async, records, n, this::copy);
      measureGrouped("unnest, 10 reports per tx", sync, records, n, 10);
      measure(
          "input: insert, report, update: 3 commits", sync, records, n, this::inputThreeCommits);
      measure("input: insert, report, update: 1 tx", sync, records, n, this::inputOneTx);
    }
  }

  @FunctionalInterface
  interface Writer {
    void write(DSLContext dsl, int records) throws Exception;
  }

  private void measure(String name, DSLContext dsl, int records, int reports, Writer writer)
      throws Exception {
    run(
        name,
        dsl,
        records,
        reports,
        () -> {
          for (int i = 0; i < reports; i++) {
            writer.write(dsl, records);
          }
        });
  }

  private void measureGrouped(String name, DSLContext dsl, int records, int reports, int perTx)
      throws Exception {
    run(
        name,
        dsl,
        records,
        reports,
        () -> {
          for (int i = 0; i < reports; i += perTx) {
            dsl.transaction(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  for (int j = 0; j < perTx; j++) {
                    unnest(tx, records);
                  }
                });
          }
        });
  }

  interface Body {
    void run() throws Exception;
  }

  private void run(String name, DSLContext dsl, int records, int reports, Body body)
      throws Exception {
    long server0 = serverTicks(dsl);
    long client0 = processCpuNanos();
    long start = System.nanoTime();
    body.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double client = (processCpuNanos() - client0) / 1e9;
    double server = (serverTicks(dsl) - server0) / 100.0;
    long total = (long) records * reports;
    System.out.printf(
        "%-48s records=%4d reports=%5d  %7.3f ms/report  %8.0f records/s  client cpu %6.2f s"
            + "  server cpu %6.2f s  (%.1f + %.1f us cpu/record)%n",
        name,
        records,
        reports,
        seconds * 1000 / reports,
        total / seconds,
        client,
        server,
        client * 1e6 / total,
        server * 1e6 / total);
  }

  // ---- the variants

  private void unnest(DSLContext dsl, int records) throws Exception {
    RecordBatch batch = new RecordBatch();
    batch.fill(records(records));
    ReportInserts.insertReport(dsl, ReportInserts.reportBinds(row(batch), batch)).orElseThrow();
  }

  private void copy(DSLContext dsl, int records) throws Exception {
    RecordBatch batch = new RecordBatch();
    batch.fill(records(records));
    ReportRow row = row(batch);
    dsl.transaction(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          long id = insertReportOnly(tx, row);
          var month =
              tx.select(dev.puerto.schema.Tables.REPORTS.PERIOD_MONTH)
                  .from(dev.puerto.schema.Tables.REPORTS)
                  .where(dev.puerto.schema.Tables.REPORTS.ID.eq(id))
                  .fetchSingle(dev.puerto.schema.Tables.REPORTS.PERIOD_MONTH);
          ReportInserts.copyMoreRows(tx, new ReportInserts.StoredKey(id, month), batch).call();
        });
  }

  private void inputThreeCommits(DSLContext dsl, int records) throws Exception {
    long input = insertInput(dsl);
    unnest(dsl, records);
    finishInput(dsl, input);
  }

  private void inputOneTx(DSLContext dsl, int records) throws Exception {
    dsl.transaction(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          long input = insertInput(tx);
          unnest(tx, records);
          finishInput(tx, input);
        });
  }

  private static final byte[] RAW = new byte[3000];

  static {
    new Random(2).nextBytes(RAW);
  }

  private long insertInput(DSLContext dsl) {
    return dsl.resultQuery(
            "INSERT INTO inputs (sha256, origin_kind, origin, size_bytes, raw_gzip)"
                + " VALUES (decode(md5(random()::text) || md5(random()::text), 'hex'), 'file',"
                + " 'bench', 3000, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id",
            (Object) RAW)
        .fetchOne(0, Long.class);
  }

  private static void finishInput(DSLContext dsl, long input) {
    dsl.execute(
        "UPDATE inputs SET status = 'imported', report_count = 1, error = NULL,"
            + " processed_at = now() WHERE id = ?",
        input);
  }

  private static long insertReportOnly(DSLContext tx, ReportRow row) {
    return tx.resultQuery(INSERT_REPORT_ONLY, ReportColumns.REPORT.binds(row).toArray())
        .fetchOne(0, Long.class);
  }

  /** A report of a million records through the store's batches, unnest or COPY. */
  private void million(Database database, boolean copy) throws Exception {
    int records = 1_000_000;
    DSLContext dsl = database.dsl();
    run(
        copy ? "million, batches by COPY" : "million, batches by unnest (ReportStore)",
        dsl,
        records,
        1,
        () -> {
          if (!copy) {
            new ReportStore(database).store(inputId, "bench", report(), records(records));
            return;
          }
          Records source = records(records);
          dsl.transaction(
              configuration -> {
                DSLContext tx = DSL.using(configuration);
                RecordBatch batch = new RecordBatch();
                batch.fill(source);
                var key =
                    ReportInserts.insertReport(tx, ReportInserts.reportBinds(row(batch), batch))
                        .orElseThrow();
                try (BatchWriter writer = new BatchWriter()) {
                  boolean complete;
                  do {
                    complete = batch.fill(source);
                    writer.submit(ReportInserts.copyMoreRows(tx, key, batch));
                  } while (!complete);
                  writer.awaitPrevious();
                }
                ReportInserts.updateTotals(tx, key.id(), batch, null);
              });
        });
    System.out.printf(
        "heap max %d MiB, used after %d MiB%n",
        Runtime.getRuntime().maxMemory() >> 20,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  // ---- data

  private ReportRow row(RecordBatch batch) {
    return new ReportRow(
        inputId, "bench.xml", report(), batch.recordCount(), batch.messageCount(), null);
  }

  private AggregateReport report() {
    Instant begin = Instant.parse("2026-01-01T00:00:00Z");
    return new AggregateReport(
        "bench",
        null,
        "1.0",
        "google.com",
        "noreply@google.com",
        null,
        "bench-" + reportNo.incrementAndGet() + "-" + System.nanoTime(),
        begin,
        begin.plusSeconds(86399),
        List.of(),
        null,
        new PolicyPublished("example.com", "r", "r", "none", "none", 100, null, null, null, null));
  }

  /** Records like the generated corpus: one or two DKIM results, one SPF result, few reasons. */
  private Records records(int count) {
    return new Records() {
      int made;

      @Override
      public ReportRecord next() {
        if (made++ >= count) {
          return null;
        }
        List<DkimResult> dkim = new ArrayList<>();
        dkim.add(new DkimResult("example.com", "s1", "pass", null));
        if (random.nextInt(3) == 0) {
          dkim.add(new DkimResult("esp.example.net", "s2024", "fail", "signature mismatch"));
        }
        List<OverrideReason> reasons =
            random.nextInt(10) == 0 ? List.of(new OverrideReason("forwarded", "list")) : List.of();
        return new ReportRecord(
            address(),
            1 + random.nextInt(500),
            "none",
            "pass",
            random.nextBoolean() ? "pass" : "fail",
            reasons,
            "example.com",
            random.nextBoolean() ? "bounce.example.com" : null,
            null,
            dkim,
            List.of(new SpfAuthResult("bounce.example.com", "mfrom", "pass", null)),
            null);
      }
    };
  }

  private InetAddress address() {
    byte[] bytes = new byte[random.nextInt(10) == 0 ? 16 : 4];
    random.nextBytes(bytes);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- measuring

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** utime + stime of this database's backends, in clock ticks (1/100 s). */
  private static long serverTicks(DSLContext dsl) throws Exception {
    long ticks = 0;
    for (Integer pid :
        dsl.fetch("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
            .getValues(0, Integer.class)) {
      Path stat = Path.of("/proc", pid.toString(), "stat");
      if (!Files.exists(stat)) {
        continue;
      }
      String text = Files.readString(stat);
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
    return ticks;
  }
}
