package dev.puerto.alert;

import static dev.puerto.schema.Tables.ALERTS;
import static dev.puerto.schema.Tables.DMARC_DAILY_DOMAINS;
import static dev.puerto.schema.Tables.DMARC_DAILY_REPORTERS;
import static dev.puerto.schema.Tables.DMARC_DAILY_SOURCES;
import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.SMTP_TLS_FAILURES;
import static dev.puerto.schema.Tables.SMTP_TLS_POLICIES;

import dev.puerto.i18n.Messages;
import dev.puerto.schema.AlertRule;
import dev.puerto.summary.RejectedInput;
import dev.puerto.summary.TlsFix;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The five rules, each a query over the day views (reports count on the UTC days they cover), the
 * TLS reports, the findings and the inputs, returning the conditions met as of {@code today}.
 * Reports of a day arrive during the next, so the day rules judge yesterday and the day before.
 */
final class Rules {
  /** Days of recent traffic a new source is looked for in: today and the two days before. */
  private static final int RECENT_DAYS = 2;

  /** Days a rate or TLS count is judged for: yesterday and the day before (late reports). */
  private static final int JUDGED_DAYS = 2;

  private static final int BASELINE_DAYS = 7;

  /** How far back a reporter's last report is looked for. */
  private static final int REPORTER_HISTORY_DAYS = 60;

  /** A daily reporter covered at least this many of the 7 days up to its last report. */
  private static final int DAILY_REPORTER_DAYS = 6;

  /** Rejected inputs older than this are not news. */
  private static final int REJECTED_INPUT_DAYS = 7;

  private static final int EXAMPLES = 5;

  private final DSLContext dsl;
  private final AlertSettings settings;

  Rules(DSLContext dsl, AlertSettings settings) {
    this.dsl = dsl;
    this.settings = settings;
  }

  /** Every condition met, rule by rule (rules turned off are not evaluated). */
  List<Condition> evaluate(LocalDate today, OffsetDateTime now) {
    List<Condition> met = new ArrayList<>();
    if (settings.on(AlertRule.NEW_FAILING_SOURCE)) {
      met.addAll(newFailingSources(today));
    }
    if (settings.on(AlertRule.PASS_RATE_DROP)) {
      met.addAll(passRateDrops(today));
    }
    if (settings.on(AlertRule.SILENT_REPORTER)) {
      met.addAll(silentReporters(today));
    }
    if (settings.on(AlertRule.TLS_FAILURES)) {
      met.addAll(tlsFailures(today));
    }
    if (settings.on(AlertRule.REJECTED_INPUTS)) {
      met.addAll(rejectedInputs(now));
    }
    return met;
  }

  /**
   * Sources with at least the threshold of failing messages in the recent days whose first day
   * there had no traffic from them for the domain in the days before, in a domain that did have
   * traffic then (a domain's first reports make every source look new).
   */
  List<Condition.NewFailingSource> newFailingSources(LocalDate today) {
    var s = DMARC_DAILY_SOURCES;
    Field<BigDecimal> failing = DSL.sum(s.MESSAGES.minus(s.DMARC_PASS_MESSAGES));
    var recent =
        dsl.select(
                s.POLICY_DOMAIN,
                s.SOURCE_IP,
                DSL.min(s.DAY).as("first_day"),
                DSL.sum(s.MESSAGES).as("messages"),
                failing.as("failing"))
            .from(s)
            .where(s.DAY.between(today.minusDays(RECENT_DAYS), today))
            .groupBy(s.POLICY_DOMAIN, s.SOURCE_IP)
            .having(failing.ge(BigDecimal.valueOf(settings.newSourceMessages())))
            .asTable("recent");
    Field<String> domain = recent.field(s.POLICY_DOMAIN);
    Field<Inet> ip = recent.field(s.SOURCE_IP);
    Field<LocalDate> firstDay = recent.field("first_day", LocalDate.class);
    Field<LocalDate> since =
        DSL.localDateSub(firstDay, DSL.val(settings.newSourceDays()), org.jooq.DatePart.DAY);
    var before = DMARC_DAILY_SOURCES.as("before");
    var domainBefore = DMARC_DAILY_DOMAINS.as("domain_before");
    List<Condition.NewFailingSource> found = new ArrayList<>();
    for (Record r :
        dsl.select(
                domain,
                host(ip).as("ip"),
                firstDay,
                recent.field("messages", BigDecimal.class),
                recent.field("failing", BigDecimal.class))
            .from(recent)
            .whereNotExists(
                DSL.selectOne()
                    .from(before)
                    .where(before.POLICY_DOMAIN.eq(domain))
                    .and(before.SOURCE_IP.eq(ip))
                    .and(before.DAY.ge(since))
                    .and(before.DAY.lt(firstDay)))
            .andExists(
                DSL.selectOne()
                    .from(domainBefore)
                    .where(domainBefore.POLICY_DOMAIN.eq(domain))
                    .and(domainBefore.DAY.ge(since))
                    .and(domainBefore.DAY.lt(firstDay)))
            .orderBy(domain, firstDay, ip)
            .fetch()) {
      String sourceIp = r.get("ip", String.class);
      String policyDomain = r.get(domain);
      Record finding =
          dsl.select(FINDINGS.VERDICT, FINDINGS.ACTION)
              .from(FINDINGS)
              .where(FINDINGS.POLICY_DOMAIN.eq(policyDomain))
              .and(host(FINDINGS.SOURCE_IP).eq(sourceIp))
              .orderBy(FINDINGS.WINDOW_END.desc())
              .limit(1)
              .fetchOne();
      found.add(
          new Condition.NewFailingSource(
              policyDomain,
              sourceIp,
              r.get(firstDay),
              r.get("messages", BigDecimal.class).longValue(),
              r.get("failing", BigDecimal.class).longValue(),
              settings.newSourceDays(),
              finding == null ? null : finding.get(FINDINGS.VERDICT).code(),
              finding == null ? null : finding.get(FINDINGS.ACTION)));
    }
    return found;
  }

  /** Judged days whose pass rate fell by more than the threshold against their 7 days before. */
  List<Condition.PassRateDrop> passRateDrops(LocalDate today) {
    var d = DMARC_DAILY_DOMAINS;
    LocalDate lastJudged = today.minusDays(1);
    LocalDate firstJudged = today.minusDays(JUDGED_DAYS);
    Map<String, Map<LocalDate, long[]>> days = new TreeMap<>();
    for (var r :
        dsl.select(d.POLICY_DOMAIN, d.DAY, d.MESSAGES, d.DMARC_PASS_MESSAGES)
            .from(d)
            .where(d.DAY.between(firstJudged.minusDays(BASELINE_DAYS), lastJudged))
            .fetch()) {
      days.computeIfAbsent(r.value1(), k -> new TreeMap<>())
          .put(r.value2(), new long[] {r.value3(), r.value4()});
    }
    List<Condition.PassRateDrop> found = new ArrayList<>();
    days.forEach(
        (domain, byDay) -> {
          for (LocalDate day = firstJudged; !day.isAfter(lastJudged); day = day.plusDays(1)) {
            long[] current = byDay.getOrDefault(day, new long[2]);
            long baseline = 0;
            long baselinePassing = 0;
            for (int back = 1; back <= BASELINE_DAYS; back++) {
              long[] before = byDay.getOrDefault(day.minusDays(back), new long[2]);
              baseline += before[0];
              baselinePassing += before[1];
            }
            var drop =
                new Condition.PassRateDrop(
                    domain, day, current[0], current[1], baseline, baselinePassing);
            if (current[0] >= settings.passRateMinMessages()
                && baseline >= settings.passRateMinMessages()
                && drop.drop() > settings.passRateDropPoints()) {
              found.add(drop);
            }
          }
        });
    return found;
  }

  /** Reporters that covered nearly every day up to their last report, then went silent. */
  List<Condition.SilentReporter> silentReporters(LocalDate today) {
    var r = DMARC_DAILY_REPORTERS;
    Map<List<String>, TreeSet<LocalDate>> days = new TreeMap<>(Rules::compareKeys);
    for (var row :
        dsl.select(r.POLICY_DOMAIN, r.ORG_NAME, r.DAY)
            .from(r)
            .where(r.DAY.between(today.minusDays(REPORTER_HISTORY_DAYS), today))
            .and(r.REPORTS.gt(0L))
            .fetch()) {
      days.computeIfAbsent(List.of(row.value1(), row.value2()), k -> new TreeSet<>())
          .add(row.value3());
    }
    List<Condition.SilentReporter> found = new ArrayList<>();
    days.forEach(
        (key, covered) -> {
          LocalDate last = covered.last();
          // Days after the last one covered, up to yesterday (today's reports are not due yet).
          int silent = (int) ChronoUnit.DAYS.between(last, today) - 1;
          int active = covered.subSet(last.minusDays(BASELINE_DAYS - 1), true, last, true).size();
          if (silent >= settings.silentDays() && active >= DAILY_REPORTER_DAYS) {
            found.add(new Condition.SilentReporter(key.get(0), key.get(1), last, silent, active));
          }
        });
    return found;
  }

  private static int compareKeys(List<String> a, List<String> b) {
    return Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1))
        .compare(a, b);
  }

  /** Policy domains with at least the threshold of failed sessions on a judged day. */
  List<Condition.TlsFailures> tlsFailures(LocalDate today) {
    var p = SMTP_TLS_POLICIES;
    LocalDate firstJudged = today.minusDays(JUDGED_DAYS);
    OffsetDateTime from = firstJudged.atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime to = today.atStartOfDay().atOffset(ZoneOffset.UTC);
    Map<List<String>, long[]> sessions = new TreeMap<>(Rules::compareKeys);
    for (var r :
        dsl.select(p.POLICY_DOMAIN, p.BEGIN_AT, p.FAILED_SESSIONS, p.SUCCESSFUL_SESSIONS)
            .from(p)
            .where(p.BEGIN_AT.ge(from))
            .and(p.BEGIN_AT.lt(to))
            .fetch()) {
      LocalDate day = r.value2().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
      long[] sums = sessions.computeIfAbsent(List.of(r.value1(), day.toString()), k -> new long[2]);
      sums[0] += r.value3();
      sums[1] += r.value4();
    }
    List<Condition.TlsFailures> found = new ArrayList<>();
    var f = SMTP_TLS_FAILURES;
    sessions.forEach(
        (key, sums) -> {
          if (sums[0] < settings.tlsFailedSessions()) {
            return;
          }
          String domain = key.get(0);
          LocalDate day = LocalDate.parse(key.get(1));
          OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
          Field<BigDecimal> failed = DSL.sum(f.FAILED_SESSIONS);
          var top =
              dsl.select(f.RESULT_TYPE, f.RECEIVING_MX_HOSTNAME, failed)
                  .from(f)
                  .where(f.POLICY_DOMAIN.eq(domain))
                  .and(f.BEGIN_AT.ge(start))
                  .and(f.BEGIN_AT.lt(start.plusDays(1)))
                  .groupBy(f.RESULT_TYPE, f.RECEIVING_MX_HOSTNAME)
                  .orderBy(failed.desc(), f.RESULT_TYPE, f.RECEIVING_MX_HOSTNAME)
                  .limit(1)
                  .fetchOne();
          String type = top == null ? null : top.value1();
          String mx = top == null ? null : top.value2();
          found.add(
              new Condition.TlsFailures(
                  domain,
                  day,
                  sums[0],
                  sums[1],
                  type,
                  top == null ? 0 : top.value3().longValue(),
                  mx,
                  type == null
                      ? null
                      : TlsFix.of(type).action(Messages.of(settings.lang()), domain, type, mx)));
        });
    return found;
  }

  /** Inputs rejected (or partly) since the last input the previous such alert counted. */
  List<Condition.RejectedInputs> rejectedInputs(OffsetDateTime now) {
    long after = lastCountedInput();
    var rejected =
        dsl.select(INPUTS.ID, INPUTS.ORIGIN, INPUTS.ERROR)
            .from(INPUTS)
            .where(INPUTS.STATUS.in(RejectedInput.STATUSES))
            .and(INPUTS.ID.gt(after))
            .and(INPUTS.RECEIVED_AT.ge(now.minusDays(REJECTED_INPUT_DAYS)))
            .orderBy(INPUTS.ID)
            .fetch();
    if (rejected.isEmpty() || rejected.size() < settings.rejectedInputs()) {
      return List.of();
    }
    List<Condition.RejectedInputs.Example> examples =
        rejected.stream()
            .limit(EXAMPLES)
            .map(
                r ->
                    new Condition.RejectedInputs.Example(
                        r.value1(), r.value2(), firstLine(r.value3())))
            .toList();
    return List.of(
        new Condition.RejectedInputs(
            after, rejected.get(rejected.size() - 1).value1(), rejected.size(), examples));
  }

  /** The last input the latest rejected_inputs alert counted (0 before the first). */
  private long lastCountedInput() {
    var payload =
        dsl.select(ALERTS.PAYLOAD)
            .from(ALERTS)
            .where(ALERTS.RULE.eq(AlertRule.REJECTED_INPUTS))
            .orderBy(ALERTS.ID.desc())
            .limit(1)
            .fetchOne(ALERTS.PAYLOAD);
    return payload == null
        ? 0
        : ((Condition.RejectedInputs) AlertJson.condition(AlertRule.REJECTED_INPUTS, payload))
            .lastInputId();
  }

  private static String firstLine(String error) {
    if (error == null) {
      return "";
    }
    String line = error.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /** The address without a prefix length, as people write it. */
  private static Field<String> host(Field<Inet> ip) {
    return DSL.field("host({0})", SQLDataType.VARCHAR, ip);
  }
}
