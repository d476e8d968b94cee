package dev.puerto.web;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DOMAIN_CHECKS;
import static dev.puerto.schema.Tables.DOMAIN_CHECK_ITEMS;
import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SPF_RESULTS;

import dev.puerto.schema.InputStatus;
import dev.puerto.schema.tables.records.DomainCheckItemsRecord;
import dev.puerto.schema.tables.records.FindingsRecord;
import dev.puerto.schema.tables.records.HostsRecord;
import dev.puerto.schema.tables.records.ReportsRecord;
import dev.puerto.summary.Counts;
import dev.puerto.summary.IsoWeek;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record8;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The queries of the dashboard beyond the weekly summary's: weekly rates for the sparklines, a
 * domain-week's sources of one reporter, one source across domains, one report, the inputs. Week
 * views read {@code dmarc_daily_rollups} by its keys; only a source's auth results and a report's
 * records read the records, by {@code records_source_ip_idx} and the report's key.
 */
final class Reads {
  /** Records a report page shows; the CSV has them all. */
  static final int REPORT_RECORDS_SHOWN = 500;

  /** Inputs per page of /inputs. */
  static final int INPUTS_PER_PAGE = 100;

  private final DSLContext dsl;

  Reads(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * The week of the last roll-up day before {@code last} ends; else, when only the week after it
   * (the one under way) has data, that week; else {@code last}. Days after that week (a reporter
   * whose clock is wrong) never make the default.
   */
  IsoWeek latestWeekWithData(IsoWeek last) {
    IsoWeek current = new IsoWeek(last.monday().plusWeeks(1));
    LocalDate day =
        dsl.select(DSL.max(DMARC_DAILY_ROLLUPS.DAY))
            .from(DMARC_DAILY_ROLLUPS)
            .where(DMARC_DAILY_ROLLUPS.DAY.lt(current.end().toLocalDate()))
            .fetchOne(0, LocalDate.class);
    if (day == null) {
      return last;
    }
    if (!day.isBefore(current.monday())) {
      LocalDate completed =
          dsl.select(DSL.max(DMARC_DAILY_ROLLUPS.DAY))
              .from(DMARC_DAILY_ROLLUPS)
              .where(DMARC_DAILY_ROLLUPS.DAY.lt(current.monday()))
              .fetchOne(0, LocalDate.class);
      return completed == null ? current : IsoWeek.containing(completed);
    }
    return IsoWeek.containing(day);
  }

  /** The domain-week's sources as one reporter counted them. */
  Map<String, Counts> sourcesOfReporter(String domain, IsoWeek week, String reporter) {
    var r = DMARC_DAILY_ROLLUPS;
    Map<String, Counts> sources = new LinkedHashMap<>();
    counts(
            List.of(host(r.SOURCE_IP)),
            r.POLICY_DOMAIN
                .eq(domain)
                .and(r.DAY.between(week.monday(), week.sunday()))
                .and(r.ORG_NAME.eq(reporter)),
            host(r.SOURCE_IP))
        .forEach(row -> sources.put(row.get(0, String.class), countsOf(row)));
    return sources;
  }

  /** One source's counts per domain and day of the week (domains with reports near the week). */
  List<SourceDay> sourceDays(String ip, IsoWeek week) {
    var r = DMARC_DAILY_ROLLUPS;
    List<String> domains =
        dsl.selectDistinct(REPORTS.POLICY_DOMAIN)
            .from(REPORTS)
            .where(REPORTS.BEGIN_AT.ge(week.minusWeeks(1).start()))
            .and(REPORTS.BEGIN_AT.lt(week.end()))
            .fetch(REPORTS.POLICY_DOMAIN);
    return counts(
            List.of(r.POLICY_DOMAIN, r.DAY),
            r.POLICY_DOMAIN
                .in(domains)
                .and(r.SOURCE_IP.eq(inet(ip)))
                .and(r.DAY.between(week.monday(), week.sunday())),
            r.POLICY_DOMAIN,
            r.DAY)
        .stream()
        .map(
            row ->
                new SourceDay(row.get(0, String.class), row.get(1, LocalDate.class), countsOf(row)))
        .sorted(java.util.Comparator.comparing(SourceDay::domain).thenComparing(SourceDay::day))
        .toList();
  }

  record SourceDay(String domain, LocalDate day, Counts counts) {}

  /** Sums the roll-ups' seven counts after the leading key fields. */
  private org.jooq.Result<Record> counts(
      List<Field<?>> keys, org.jooq.Condition where, org.jooq.GroupField... groupBy) {
    var r = DMARC_DAILY_ROLLUPS;
    List<org.jooq.SelectField<?>> fields = new java.util.ArrayList<>(keys);
    for (Field<Long> f :
        List.of(
            r.MESSAGES,
            r.DMARC_PASS_MESSAGES,
            r.SPF_ALIGNED_MESSAGES,
            r.DKIM_ALIGNED_MESSAGES,
            r.DELIVERED_MESSAGES,
            r.QUARANTINED_MESSAGES,
            r.REJECTED_MESSAGES)) {
      fields.add(DSL.sum(f).cast(SQLDataType.BIGINT));
    }
    return dsl.select(fields).from(r).where(where).groupBy(groupBy).fetch();
  }

  private static Counts countsOf(Record row) {
    int n = row.size();
    long[] v = new long[7];
    for (int i = 0; i < 7; i++) {
      Long value = row.get(n - 7 + i, Long.class);
      v[i] = value == null ? 0 : value;
    }
    return new Counts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  /** The DKIM domains, selectors and results reports gave for the source in the week. */
  List<AuthResult> dkimResults(String ip, IsoWeek week) {
    var d = DKIM_RESULTS;
    return authResults(
        List.of(d.DOMAIN, d.SELECTOR, d.RESULT),
        d,
        d.REPORT_KEY,
        d.RECORD_NO,
        d.PERIOD_MONTH,
        ip,
        week);
  }

  /** The SPF domains, scopes and results reports gave for the source in the week. */
  List<AuthResult> spfResults(String ip, IsoWeek week) {
    var s = SPF_RESULTS;
    return authResults(
        List.of(s.DOMAIN, s.SCOPE, s.RESULT),
        s,
        s.REPORT_KEY,
        s.RECORD_NO,
        s.PERIOD_MONTH,
        ip,
        week);
  }

  /** A domain, its selector (DKIM) or scope (SPF), a result, and the messages that carried it. */
  record AuthResult(String domain, String detail, String result, long messages) {}

  private List<AuthResult> authResults(
      List<Field<String>> select,
      org.jooq.Table<?> results,
      Field<Long> reportKey,
      Field<Integer> recordNo,
      Field<LocalDate> month,
      String ip,
      IsoWeek week) {
    Field<BigDecimal> messages = DSL.sum(RECORDS.MESSAGE_COUNT);
    return dsl.select(select.get(0), select.get(1), select.get(2), messages)
        .from(RECORDS)
        .join(REPORTS)
        .on(REPORTS.ID.eq(RECORDS.REPORT_KEY), REPORTS.PERIOD_MONTH.eq(RECORDS.PERIOD_MONTH))
        .join(results)
        .on(
            reportKey.eq(RECORDS.REPORT_KEY),
            recordNo.eq(RECORDS.RECORD_NO),
            month.eq(RECORDS.PERIOD_MONTH))
        .where(RECORDS.SOURCE_IP.eq(inet(ip)))
        .and(monthsOf(week))
        .and(REPORTS.BEGIN_AT.lt(week.end()))
        .and(REPORTS.END_AT.gt(week.start()))
        .groupBy(select.get(0), select.get(1), select.get(2))
        .orderBy(messages.desc())
        .limit(50)
        .fetch(
            row ->
                new AuthResult(
                    row.get(0, String.class),
                    row.get(1, String.class),
                    row.get(2, String.class),
                    row.get(3, BigDecimal.class).longValue()));
  }

  /** A report naming the source, and the messages its records give the source. */
  record SourceReport(
      long id, String domain, String reporter, OffsetDateTime begin, long messages) {}

  /** The reports covering the week that name the source, most messages first. */
  List<SourceReport> reportsOfSource(String ip, IsoWeek week) {
    Field<BigDecimal> messages = DSL.sum(RECORDS.MESSAGE_COUNT);
    return dsl.select(
            REPORTS.ID, REPORTS.POLICY_DOMAIN, REPORTS.ORG_NAME, REPORTS.BEGIN_AT, messages)
        .from(RECORDS)
        .join(REPORTS)
        .on(REPORTS.ID.eq(RECORDS.REPORT_KEY), REPORTS.PERIOD_MONTH.eq(RECORDS.PERIOD_MONTH))
        .where(RECORDS.SOURCE_IP.eq(inet(ip)))
        .and(monthsOf(week))
        .and(REPORTS.BEGIN_AT.lt(week.end()))
        .and(REPORTS.END_AT.gt(week.start()))
        .groupBy(REPORTS.ID, REPORTS.POLICY_DOMAIN, REPORTS.ORG_NAME, REPORTS.BEGIN_AT)
        .orderBy(messages.desc(), REPORTS.ID)
        .limit(50)
        .fetch(
            r ->
                new SourceReport(
                    r.value1(), r.value2(), r.value3(), r.value4(), r.value5().longValue()));
  }

  /**
   * The partitions a report covering the week can be filed in: reports are filed by the month their
   * period begins, and no reporter's period is months long.
   */
  private static org.jooq.Condition monthsOf(IsoWeek week) {
    return RECORDS.PERIOD_MONTH.between(
        week.start().minusMonths(2).toLocalDate().withDayOfMonth(1),
        week.end().toLocalDate().withDayOfMonth(1));
  }

  Optional<HostsRecord> host(String ip) {
    return dsl.selectFrom(HOSTS).where(HOSTS.IP.eq(inet(ip))).fetchOptional();
  }

  /** What analyze found about the source, newest window first. */
  List<FindingsRecord> findings(String ip) {
    return dsl.selectFrom(FINDINGS)
        .where(FINDINGS.SOURCE_IP.eq(inet(ip)))
        .orderBy(FINDINGS.WINDOW_END.desc(), FINDINGS.POLICY_DOMAIN)
        .limit(50)
        .fetch();
  }

  Optional<ReportsRecord> report(long id) {
    return dsl.selectFrom(REPORTS).where(REPORTS.ID.eq(id)).fetchOptional();
  }

  /** A report's records, each with its DKIM and SPF results as "domain=result" lists. */
  List<Record8<Integer, String, Long, String, String, String, String, String>> records(
      ReportsRecord report, int limit) {
    Field<String> dkim =
        DSL.field(
            DSL.select(
                    DSL.field(
                        "string_agg({0} || coalesce('/' || {1}, '') || '=' || {2}, ' ' ORDER BY {3})",
                        SQLDataType.VARCHAR,
                        DKIM_RESULTS.DOMAIN,
                        DKIM_RESULTS.SELECTOR,
                        DKIM_RESULTS.RESULT,
                        DKIM_RESULTS.RESULT_NO))
                .from(DKIM_RESULTS)
                .where(DKIM_RESULTS.REPORT_KEY.eq(RECORDS.REPORT_KEY))
                .and(DKIM_RESULTS.PERIOD_MONTH.eq(RECORDS.PERIOD_MONTH))
                .and(DKIM_RESULTS.RECORD_NO.eq(RECORDS.RECORD_NO)));
    Field<String> spf =
        DSL.field(
            DSL.select(
                    DSL.field(
                        "string_agg({0} || '=' || {1}, ' ' ORDER BY {2})",
                        SQLDataType.VARCHAR,
                        SPF_RESULTS.DOMAIN,
                        SPF_RESULTS.RESULT,
                        SPF_RESULTS.RESULT_NO))
                .from(SPF_RESULTS)
                .where(SPF_RESULTS.REPORT_KEY.eq(RECORDS.REPORT_KEY))
                .and(SPF_RESULTS.PERIOD_MONTH.eq(RECORDS.PERIOD_MONTH))
                .and(SPF_RESULTS.RECORD_NO.eq(RECORDS.RECORD_NO)));
    return dsl.select(
            RECORDS.RECORD_NO,
            host(RECORDS.SOURCE_IP),
            RECORDS.MESSAGE_COUNT,
            RECORDS.DISPOSITION,
            DSL.concat(
                DSL.coalesce(RECORDS.DKIM_RESULT, ""),
                DSL.inline("/"),
                DSL.coalesce(RECORDS.SPF_RESULT, "")),
            RECORDS.HEADER_FROM,
            dkim,
            spf)
        .from(RECORDS)
        .where(RECORDS.REPORT_KEY.eq(report.getId()))
        .and(RECORDS.PERIOD_MONTH.eq(report.getPeriodMonth()))
        .orderBy(RECORDS.RECORD_NO)
        .limit(limit)
        .fetch();
  }

  /** An input as the inputs page lists it. */
  record InputRow(
      long id,
      OffsetDateTime receivedAt,
      String originKind,
      String origin,
      InputStatus status,
      String error,
      long sizeBytes,
      int reports,
      boolean rawKept) {}

  /** Newest first, before input {@code before} (null: from the newest), of a status or all. */
  List<InputRow> inputs(Long before, InputStatus status) {
    var condition = DSL.noCondition();
    if (before != null) {
      condition = condition.and(INPUTS.ID.lt(before));
    }
    if (status != null) {
      condition = condition.and(INPUTS.STATUS.eq(status));
    }
    return dsl.select(
            INPUTS.ID,
            INPUTS.RECEIVED_AT,
            INPUTS.ORIGIN_KIND,
            INPUTS.ORIGIN,
            INPUTS.STATUS,
            INPUTS.ERROR,
            INPUTS.SIZE_BYTES,
            INPUTS.REPORT_COUNT,
            INPUTS.RAW_DROPPED_AT.isNull())
        .from(INPUTS)
        .where(condition)
        .orderBy(INPUTS.ID.desc())
        .limit(INPUTS_PER_PAGE)
        .fetch(
            r ->
                new InputRow(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8(),
                    r.value9()));
  }

  /** Inputs per status. */
  Map<InputStatus, Long> inputCounts() {
    Map<InputStatus, Long> counts = new java.util.EnumMap<>(InputStatus.class);
    dsl.select(INPUTS.STATUS, DSL.count())
        .from(INPUTS)
        .groupBy(INPUTS.STATUS)
        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
    return counts;
  }

  /** Copies an input's raw bytes (as they arrived) to {@code out}; false when there is none. */
  boolean copyRaw(long id, OutputStream out) throws IOException {
    byte[] gzip =
        dsl.select(INPUTS.RAW_GZIP)
            .from(INPUTS)
            .where(INPUTS.ID.eq(id))
            .and(INPUTS.RAW_DROPPED_AT.isNull())
            .fetchOne(INPUTS.RAW_GZIP);
    if (gzip == null) {
      return false;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      in.transferTo(out);
    }
    return true;
  }

  /** An address the caller checked is one (a literal: nothing is resolved). */
  private static Inet inet(String ip) {
    return Inet.valueOf(com.google.common.net.InetAddresses.forString(ip));
  }

  static Field<String> host(Field<Inet> ip) {
    return DSL.field("host({0})", SQLDataType.VARCHAR, ip);
  }

  /** The latest {@code puerto check} of a domain: when, and its items in order. */
  record LatestCheck(OffsetDateTime checkedAt, boolean ok, List<DomainCheckItemsRecord> items) {}

  Optional<LatestCheck> latestCheck(String domain) {
    return dsl.selectFrom(DOMAIN_CHECKS)
        .where(DOMAIN_CHECKS.DOMAIN.eq(domain))
        .orderBy(DOMAIN_CHECKS.CHECKED_AT.desc())
        .limit(1)
        .fetchOptional()
        .map(
            check ->
                new LatestCheck(
                    check.getCheckedAt(),
                    check.getOk(),
                    dsl.selectFrom(DOMAIN_CHECK_ITEMS)
                        .where(DOMAIN_CHECK_ITEMS.CHECK_ID.eq(check.getId()))
                        .orderBy(DOMAIN_CHECK_ITEMS.ITEM_NO)
                        .fetch()));
  }
}
