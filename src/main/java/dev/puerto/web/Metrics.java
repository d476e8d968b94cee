package dev.puerto.web;

import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.IMAP_ORIGINS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.ROLLUP_PENDING;

import dev.puerto.schema.InputStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * {@code /metrics}: what a Prometheus scrape reads, computed at each scrape from the roll-ups and
 * the inputs (nothing is counted in this process, so any number of dashboards agree). Per domain
 * the counts of the last complete UTC day as the reports so far give it; per reporter when it last
 * sent; the inputs per status; fetching and importing activity.
 */
final class Metrics {
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** Reporters and mailbox folders that reported or were read this recently are listed. */
  private static final int RECENT_DAYS = 35;

  private final DSLContext dsl;
  private final Reads reads;
  private final Clock clock;

  Metrics(DSLContext dsl, Reads reads, Clock clock) {
    this.dsl = dsl;
    this.reads = reads;
    this.clock = clock;
  }

  String scrape() {
    List<MetricSnapshot> metrics = new ArrayList<>();
    LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    domainDay(metrics, yesterday);
    reporters(metrics);
    inputs(metrics);
    fetching(metrics);
    var out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(metrics));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private void domainDay(List<MetricSnapshot> metrics, LocalDate day) {
    var r = DMARC_DAILY_ROLLUPS;
    var fail = r.MESSAGES.minus(r.DMARC_PASS_MESSAGES);
    var rows =
        dsl.select(
                r.POLICY_DOMAIN,
                DSL.sum(r.MESSAGES),
                DSL.sum(r.DMARC_PASS_MESSAGES),
                DSL.sum(r.SPF_ALIGNED_MESSAGES),
                DSL.sum(r.DKIM_ALIGNED_MESSAGES),
                DSL.sum(r.QUARANTINED_MESSAGES),
                DSL.sum(r.REJECTED_MESSAGES),
                DSL.countDistinct(r.SOURCE_IP).filterWhere(fail.gt(0L)))
            .from(r)
            .where(r.DAY.eq(day))
            .groupBy(r.POLICY_DOMAIN)
            .orderBy(r.POLICY_DOMAIN)
            .fetch();
    String of = " of the last complete UTC day (" + day + "), as the reports so far count them";
    metrics.add(gauge("puerto_dmarc_day_messages", "Messages" + of, rows, 1));
    metrics.add(
        gauge("puerto_dmarc_day_pass_messages", "Messages that passed DMARC" + of, rows, 2));
    metrics.add(
        gauge(
            "puerto_dmarc_day_spf_aligned_messages",
            "Messages with an aligned SPF pass" + of,
            rows,
            3));
    metrics.add(
        gauge(
            "puerto_dmarc_day_dkim_aligned_messages",
            "Messages with an aligned DKIM pass" + of,
            rows,
            4));
    metrics.add(
        gauge("puerto_dmarc_day_quarantined_messages", "Messages quarantined" + of, rows, 5));
    metrics.add(gauge("puerto_dmarc_day_rejected_messages", "Messages rejected" + of, rows, 6));
    metrics.add(
        gauge(
            "puerto_dmarc_day_failing_sources",
            "Source IPs with messages that failed DMARC" + of,
            rows,
            7));
  }

  private static GaugeSnapshot gauge(
      String name, String help, List<? extends Record> rows, int column) {
    var g = GaugeSnapshot.builder().name(name).help(help);
    for (Record row : rows) {
      Number n = (Number) row.get(column);
      g.dataPoint(
          point(Labels.of("domain", row.get(0, String.class)), n == null ? 0 : n.doubleValue()));
    }
    return g.build();
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private void reporters(List<MetricSnapshot> metrics) {
    var last = DSL.max(REPORTS.IMPORTED_AT);
    var g =
        GaugeSnapshot.builder()
            .name("puerto_reporter_last_report_timestamp_seconds")
            .help(
                "When the latest aggregate report of the reporter about the domain was imported"
                    + " (reporters with a report begun in the last "
                    + RECENT_DAYS
                    + " days)");
    dsl.select(REPORTS.POLICY_DOMAIN, REPORTS.ORG_NAME, last)
        .from(REPORTS)
        .where(REPORTS.BEGIN_AT.ge(OffsetDateTime.now(clock).minusDays(RECENT_DAYS)))
        .groupBy(REPORTS.POLICY_DOMAIN, REPORTS.ORG_NAME)
        .orderBy(REPORTS.POLICY_DOMAIN, REPORTS.ORG_NAME)
        .forEach(
            row ->
                g.dataPoint(
                    point(
                        Labels.of("domain", row.value1(), "reporter", row.value2()),
                        seconds(row.value3()))));
    metrics.add(g.build());
  }

  private void inputs(List<MetricSnapshot> metrics) {
    var g =
        GaugeSnapshot.builder()
            .name("puerto_inputs")
            .help("Inputs (files, mail messages) stored, by what became of them");
    Map<InputStatus, Long> counts = reads.inputCounts();
    for (InputStatus status : InputStatus.values()) {
      g.dataPoint(point(Labels.of("status", status.code()), counts.getOrDefault(status, 0L)));
    }
    metrics.add(g.build());
    OffsetDateTime received =
        dsl.select(DSL.max(INPUTS.RECEIVED_AT)).from(INPUTS).fetchOne(0, OffsetDateTime.class);
    var latest =
        GaugeSnapshot.builder()
            .name("puerto_last_input_received_timestamp_seconds")
            .help("When the latest input arrived (import, fetch or watch)");
    if (received != null) {
      latest.dataPoint(point(Labels.EMPTY, seconds(received)));
    }
    metrics.add(latest.build());
    BigDecimal pending =
        dsl.select(
                DSL.sum(
                    ROLLUP_PENDING.LAST_RECORD_NO.minus(ROLLUP_PENDING.FIRST_RECORD_NO).plus(1)))
            .from(ROLLUP_PENDING)
            .fetchOne(0, BigDecimal.class);
    metrics.add(
        GaugeSnapshot.builder()
            .name("puerto_rollup_pending_records")
            .help(
                "Records stored whose daily roll-ups an importer has not applied yet (counted on the fly meanwhile)")
            .dataPoint(point(Labels.EMPTY, pending == null ? 0 : pending.doubleValue()))
            .build());
  }

  private void fetching(List<MetricSnapshot> metrics) {
    var g =
        GaugeSnapshot.builder()
            .name("puerto_imap_last_message_timestamp_seconds")
            .help(
                "When fetch or watch last read a message from the mailbox folder (folders read"
                    + " in the last "
                    + RECENT_DAYS
                    + " days)");
    var last = DSL.max(IMAP_ORIGINS.SEEN_AT);
    dsl.select(IMAP_ORIGINS.SERVER, IMAP_ORIGINS.ACCOUNT, IMAP_ORIGINS.FOLDER, last)
        .from(IMAP_ORIGINS)
        .where(IMAP_ORIGINS.SEEN_AT.ge(OffsetDateTime.now(clock).minusDays(RECENT_DAYS)))
        .groupBy(IMAP_ORIGINS.SERVER, IMAP_ORIGINS.ACCOUNT, IMAP_ORIGINS.FOLDER)
        .orderBy(IMAP_ORIGINS.SERVER, IMAP_ORIGINS.ACCOUNT, IMAP_ORIGINS.FOLDER)
        .forEach(
            row ->
                g.dataPoint(
                    point(
                        Labels.of(
                            "server",
                            row.value1(),
                            "account",
                            row.value2(),
                            "folder",
                            row.value3()),
                        seconds(row.value4()))));
    metrics.add(g.build());
  }

  private static double seconds(OffsetDateTime t) {
    return t.toInstant().toEpochMilli() / 1000.0;
  }
}
