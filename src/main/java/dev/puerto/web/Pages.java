package dev.puerto.web;

import static dev.puerto.web.Table.Kind.BADGES;
import static dev.puerto.web.Table.Kind.CHANGE;
import static dev.puerto.web.Table.Kind.COUNT;
import static dev.puerto.web.Table.Kind.FLAG;
import static dev.puerto.web.Table.Kind.PROSE;
import static dev.puerto.web.Table.Kind.RATE;
import static dev.puerto.web.Table.Kind.SPARK;
import static dev.puerto.web.Table.Kind.TEXT;
import static dev.puerto.web.Table.Kind.TIME;

import dev.puerto.schema.InputStatus;
import dev.puerto.schema.tables.records.FindingsRecord;
import dev.puerto.schema.tables.records.HostsRecord;
import dev.puerto.schema.tables.records.ReportsRecord;
import dev.puerto.summary.Counts;
import dev.puerto.summary.Day;
import dev.puerto.summary.DomainSummary;
import dev.puerto.summary.DomainWeek;
import dev.puerto.summary.FailureGroup;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.PublishedPolicy;
import dev.puerto.summary.Reporter;
import dev.puerto.summary.SmtpTls;
import dev.puerto.summary.Source;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.WeekOverview;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds each page's {@link View} from the weekly summary and {@link Reads}: the one place that
 * decides what a page shows, in which tables and columns.
 */
final class Pages {
  /**
   * Records a report's CSV carries at most: a million-record report is for SQL, and a table of that
   * size would not fit the server's memory.
   */
  static final int CSV_RECORDS = 50_000;

  /** Weeks in an overview row's sparkline. */
  static final int TREND_WEEKS = 12;

  private final Summarizer summarizer;
  private final Reads reads;
  private final Clock clock;
  private final Format fmt;

  /** Pages in the summarizer's language: its advice and fixes, and every word around them. */
  Pages(Summarizer summarizer, Reads reads, Clock clock) {
    this.summarizer = summarizer;
    this.reads = reads;
    this.clock = clock;
    this.fmt = new Format(summarizer.messages());
  }

  /** How the pages write words, numbers and rates; the templates get it too. */
  Format format() {
    return fmt;
  }

  /** The week a page without {@code ?week=} shows: the last complete one that has data. */
  IsoWeek defaultWeek() {
    return reads.latestWeekWithData(IsoWeek.lastComplete(clock));
  }

  /** The week links of a page: the one before, and the one after unless it has not begun. */
  record Weeks(IsoWeek week, IsoWeek previous, IsoWeek next) {}

  Weeks weeks(IsoWeek week) {
    IsoWeek next = new IsoWeek(week.monday().plusWeeks(1));
    boolean begun = !next.start().isAfter(java.time.OffsetDateTime.now(clock));
    return new Weeks(week, week.minusWeeks(1), begun ? next : null);
  }

  // ---- overview -------------------------------------------------------------------------------

  record Overview(Weeks weeks, long rejectedInputs, long failureReportsWithoutDomain) {}

  View overview(IsoWeek week) {
    WeekOverview overview = summarizer.overview(week, TREND_WEEKS);
    var t =
        Table.of("domains", fmt.t("table.domains"))
            .column("domain", fmt.t("column.domain"), TEXT)
            .column("messages", fmt.t("column.messages"), COUNT)
            .data("dmarc_pass", COUNT)
            .data("spf_aligned_pass", COUNT)
            .data("dkim_aligned_pass", COUNT)
            .column("dmarc_pass_rate", fmt.t("column.dmarc_pass_rate"), RATE)
            .column("dmarc_pass_change", fmt.t("column.dmarc_pass_change"), CHANGE)
            .column("spf_aligned_rate", fmt.t("column.spf_aligned_rate"), RATE)
            .column("dkim_aligned_rate", fmt.t("column.dkim_aligned_rate"), RATE)
            .column("trend", fmt.t("column.trend", TREND_WEEKS), SPARK)
            .column("warnings", fmt.t("column.warnings"), BADGES)
            // the advice names the policy; the domain page shows it whole
            .data("policy", TEXT)
            .column("advice", fmt.t("column.advice"), PROSE);
    for (DomainWeek d : overview.domains()) {
      Counts c = d.counts();
      t.row(
          c.messages() == 0 ? "quiet" : null,
          new Table.Link(d.domain(), domainHref(d.domain(), week)),
          c.messages(),
          c.dmarcPass(),
          c.spfAlignedPass(),
          c.dkimAlignedPass(),
          c.messages() == 0 ? null : c.dmarcPassRate(),
          c.messages() == 0 || d.previousWeek().messages() == 0
              ? null
              : c.dmarcPassRate() - d.previousWeek().dmarcPassRate(),
          c.messages() == 0 ? null : c.spfAlignedRate(),
          c.messages() == 0 ? null : c.dkimAlignedRate(),
          new Table.Spark(
              d.trend().stream()
                  .map(w -> w.messages() == 0 ? null : (Double) w.dmarcPassRate())
                  .toList()),
          warnings(d),
          policy(d.policy()),
          d.advice().message());
    }
    Map<String, Object> facts = weekFacts(week);
    facts.put("rejected_inputs", overview.rejectedInputs());
    facts.put("failure_reports_without_domain", overview.failureReportsWithoutDomain());
    return new View(
        "overview",
        fmt.t("title.overview", week.toString()),
        new Overview(
            weeks(week), overview.rejectedInputs(), overview.failureReportsWithoutDomain()),
        facts,
        List.of(t.empty(fmt.t("empty.domains", week.toString()))));
  }

  /**
   * What needs looking at: sources analyze found failing (the new ones apart), failed mail not
   * analyzed yet, silent reporters, failure reports, failed TLS sessions.
   */
  List<Table.Badge> warnings(DomainWeek d) {
    List<Table.Badge> badges = new ArrayList<>();
    if (d.newFailingSources() > 0) {
      badges.add(new Table.Badge(fmt.counted("newFailingSource", d.newFailingSources()), "bad"));
    }
    if (d.failingSources() > 0) {
      badges.add(new Table.Badge(fmt.counted("failingSource", d.failingSources()), "warn"));
    }
    if (!d.analyzed() && d.counts().dmarcFail() > 0) {
      badges.add(new Table.Badge(fmt.counted("failedNotAnalyzed", d.counts().dmarcFail()), "warn"));
    }
    if (!d.silentReporters().isEmpty()) {
      badges.add(
          new Table.Badge(fmt.counted("silentReporter", d.silentReporters().size()), "warn"));
    }
    if (d.failureReports() > 0) {
      badges.add(new Table.Badge(fmt.counted("failureReport", d.failureReports()), "warn"));
    }
    if (d.failedTlsSessions() > 0) {
      badges.add(new Table.Badge(fmt.counted("failedTlsSession", d.failedTlsSessions()), "warn"));
    }
    return badges;
  }

  private static String policy(PublishedPolicy policy) {
    if (policy == null) {
      return null;
    }
    StringBuilder s = new StringBuilder("p=").append(policy.p());
    if (policy.sp() != null) {
      s.append(" sp=").append(policy.sp());
    }
    if (policy.pct() != null && policy.pct() != 100) {
      s.append(" pct=").append(policy.pct());
    }
    return s.toString();
  }

  // ---- domain ---------------------------------------------------------------------------------

  /** The source filters of a domain page; null or false: not filtered. */
  record Filters(boolean failing, boolean fresh, String reporter, String disposition) {
    static final List<String> DISPOSITIONS = List.of("none", "quarantine", "reject");

    boolean any() {
      return failing || fresh || reporter != null || disposition != null;
    }

    /** A source with these counts (its own, or one reporter's of it) is listed. */
    boolean keeps(Counts c, Source s) {
      if (failing && c.dmarcFail() == 0 || fresh && !s.firstSeen()) {
        return false;
      }
      if (disposition != null) {
        long n =
            switch (disposition) {
              case "quarantine" -> c.quarantine();
              case "reject" -> c.reject();
              default -> c.delivered();
            };
        return n > 0;
      }
      return true;
    }

    /** The query string that keeps these filters, for links and the CSV download. */
    String query() {
      StringBuilder q = new StringBuilder();
      if (failing) {
        q.append("&failing=1");
      }
      if (fresh) {
        q.append("&new=1");
      }
      if (reporter != null) {
        q.append("&reporter=").append(URLEncoder.encode(reporter, StandardCharsets.UTF_8));
      }
      if (disposition != null) {
        q.append("&disposition=").append(disposition);
      }
      return q.toString();
    }
  }

  /**
   * @param checkedAt when {@code puerto check} last looked at the domain's DNS; null: never
   */
  record DomainPage(
      DomainSummary summary,
      Weeks weeks,
      Charts.Stacked chart,
      Filters filters,
      java.time.OffsetDateTime checkedAt,
      boolean checkOk) {}

  Optional<View> domain(String domain, IsoWeek week, Filters filters) {
    DomainSummary d = summarizer.summarize(week, List.of(domain)).domains().get(0);
    if (d.nothingReported()
        && d.previousWeek().messages() == 0
        && d.reporters().isEmpty()
        && d.silentReporters().isEmpty()
        && d.policy() == null) {
      return Optional.empty();
    }
    Map<String, Counts> byReporter =
        filters.reporter() == null
            ? null
            : reads.sourcesOfReporter(domain, week, filters.reporter());
    var sources =
        Table.of("sources", fmt.t("table.sources"))
            .column("ip", fmt.t("column.ip"), TEXT)
            .column("ptr", fmt.t("column.ptr"), TEXT)
            .column("service", fmt.t("column.service"), TEXT)
            .column("network", fmt.t("column.network"), TEXT)
            .counts(fmt)
            .column("verdict", fmt.t("column.verdict"), TEXT)
            .column("fix", fmt.t("column.fix"), PROSE)
            .column("new", fmt.t("column.new"), FLAG);
    for (Source s : d.sources()) {
      Counts c = byReporter == null ? s.counts() : byReporter.get(s.ip());
      if (c == null || !filters.keeps(c, s)) {
        continue;
      }
      sources.row(
          c.dmarcFail() > 0 ? (s.firstSeen() ? "fail new" : "fail") : s.firstSeen() ? "new" : null,
          Table.cells(
              new Table.Link(s.ip(), sourceHref(s.ip(), week)),
              s.ptr(),
              s.service(),
              s.network(),
              Table.counts(c),
              s.verdict() == null ? null : s.verdict().code(),
              s.action(),
              s.firstSeen()));
    }
    var days =
        Table.of("days", fmt.t("table.days"))
            .column("date", fmt.t("column.date"), TEXT)
            .column("reports", fmt.t("column.reports"), COUNT)
            .counts(fmt);
    for (Day day : d.days()) {
      days.row(
          day.unreported() ? "quiet" : null,
          Table.cells(day.date().toString(), day.reports(), Table.counts(day.counts())));
    }
    var reporters =
        Table.of("reporters", fmt.t("table.reporters"))
            .column("name", fmt.t("column.name"), TEXT)
            .column("reports", fmt.t("column.reports"), COUNT)
            .column("messages", fmt.t("column.messages"), COUNT)
            .column("silent", fmt.t("column.silent"), FLAG);
    for (Reporter r : d.reporters()) {
      reporters.row(
          null,
          new Table.Link(
              r.name(),
              domainHref(domain, week) + new Filters(false, false, r.name(), null).query()),
          r.reports(),
          r.messages(),
          false);
    }
    for (String silent : d.silentReporters()) {
      reporters.row("quiet", silent, 0L, 0L, true);
    }
    var failures =
        Table.of("failure_reports", fmt.t("table.failure_reports"))
            .column("source_ip", fmt.t("column.source_ip"), TEXT)
            .column("feedback_type", fmt.t("column.feedback_type"), TEXT)
            .column("auth_failure", fmt.t("column.auth_failure"), TEXT)
            .column("reports", fmt.t("column.reports"), COUNT)
            .column("header_from", fmt.t("column.header_from"), TEXT)
            .column("dkim_domain", fmt.t("column.dkim_domain"), TEXT)
            .column("last_arrival", fmt.t("column.last_arrival"), TIME)
            .column("verdict", fmt.t("column.verdict"), TEXT);
    for (FailureGroup g : d.failureReports().top()) {
      failures.row(
          null,
          g.sourceIp() == null
              ? null
              : new Table.Link(g.sourceIp(), sourceHref(g.sourceIp(), week)),
          g.feedbackType(),
          g.authFailure(),
          g.reports(),
          String.join(" ", g.headerFroms()),
          String.join(" ", g.dkimDomains()),
          g.last(),
          g.verdict() == null ? null : g.verdict().code());
    }
    var tls =
        Table.of("smtp_tls", fmt.t("table.smtp_tls"))
            .column("policy_type", fmt.t("column.policy_type"), TEXT)
            .column("mx_hosts", fmt.t("column.mx_hosts"), TEXT)
            .column("reports", fmt.t("column.reports"), COUNT)
            .column("successful_sessions", fmt.t("column.successful_sessions"), COUNT)
            .column("failed_sessions", fmt.t("column.failed_sessions"), COUNT);
    for (SmtpTls.Policy p : d.smtpTls().policies()) {
      tls.row(
          p.sessions().failed() > 0 ? "fail" : null,
          p.type(),
          String.join(" ", p.mxHosts()),
          p.reports(),
          p.sessions().successful(),
          p.sessions().failed());
    }
    var tlsFailures =
        Table.of("smtp_tls_failures", fmt.t("table.smtp_tls_failures"))
            .column("result_type", fmt.t("column.result_type"), TEXT)
            .column("receiving_mx_hostname", fmt.t("column.receiving_mx_hostname"), TEXT)
            .column("failed_sessions", fmt.t("column.failed_sessions"), COUNT)
            .column("fix", fmt.t("column.fix"), PROSE);
    for (SmtpTls.Failure f : d.smtpTls().failures()) {
      tlsFailures.row("fail", f.resultType(), f.mx(), f.sessions(), f.fix());
    }
    Optional<Reads.LatestCheck> check = reads.latestCheck(domain);
    var dns =
        Table.of("dns", fmt.t("table.dns"))
            .column("level", fmt.t("column.level"), TEXT)
            .column("area", fmt.t("column.area"), TEXT)
            .column("code", fmt.t("column.code"), TEXT)
            .column("message", fmt.t("column.message"), PROSE)
            .column("fix", fmt.t("column.fix"), PROSE);
    for (var item : check.map(Reads.LatestCheck::items).orElse(List.of())) {
      dns.row(
          switch (item.getLevel()) {
            case FAIL, ERROR -> "fail";
            case WARN -> "warn";
            case OK -> "quiet";
          },
          item.getLevel().code(),
          item.getArea(),
          item.getCode(),
          item.getMessage(),
          item.getFix());
    }
    Map<String, Object> facts = weekFacts(week);
    facts.put("domain", domain);
    facts.put("messages", d.counts().messages());
    facts.put("dmarc_pass", d.counts().dmarcPass());
    facts.put("spf_aligned_pass", d.counts().spfAlignedPass());
    facts.put("dkim_aligned_pass", d.counts().dkimAlignedPass());
    facts.put("previous_week_messages", d.previousWeek().messages());
    facts.put("previous_week_dmarc_pass", d.previousWeek().dmarcPass());
    facts.put("policy", policy(d.policy()));
    facts.put("analyzed", d.analyzed());
    facts.put("dns_checked_at", check.map(Reads.LatestCheck::checkedAt).orElse(null));
    facts.put("dns_ok", check.map(Reads.LatestCheck::ok).orElse(null));
    Map<String, Object> advice = new LinkedHashMap<>();
    advice.put("status", d.advice().status());
    advice.put("message", d.advice().message());
    advice.put("blockers", d.advice().blockers().stream().map(b -> b.plain()).toList());
    facts.put("advice", advice);
    Map<String, Object> applied = new LinkedHashMap<>();
    applied.put("failing", filters.failing());
    applied.put("new", filters.fresh());
    applied.put("reporter", filters.reporter());
    applied.put("disposition", filters.disposition());
    facts.put("filters", applied);
    return Optional.of(
        new View(
            "domain",
            domain + " · " + week,
            new DomainPage(
                d,
                weeks(week),
                Charts.daily(d.days(), fmt),
                filters,
                check.map(Reads.LatestCheck::checkedAt).orElse(null),
                check.map(Reads.LatestCheck::ok).orElse(false)),
            facts,
            List.of(
                sources.empty(
                    fmt.t(
                        filters.any() ? "empty.sources.filtered" : "empty.sources",
                        domain,
                        week.toString())),
                days.empty(fmt.t("empty.days")),
                reporters.empty(fmt.t("empty.reporters", domain, week.toString())),
                failures.empty(fmt.t("empty.failureReports", domain, week.toString())),
                tls.empty(fmt.t("empty.smtpTls", domain, week.toString())),
                tlsFailures.empty(fmt.t("empty.smtpTlsFailures")),
                dns.empty(fmt.t("empty.dns", domain)))));
  }

  // ---- source ---------------------------------------------------------------------------------

  record SourcePage(String ip, Weeks weeks, HostsRecord host) {}

  View source(String ip, IsoWeek week) {
    Optional<HostsRecord> host = reads.host(ip);
    var days =
        Table.of("days", fmt.t("table.days"))
            .column("domain", fmt.t("column.domain"), TEXT)
            .column("date", fmt.t("column.date"), TEXT)
            .counts(fmt);
    for (Reads.SourceDay day : reads.sourceDays(ip, week)) {
      days.row(
          day.counts().dmarcFail() > 0 ? "fail" : null,
          Table.cells(
              new Table.Link(day.domain(), domainHref(day.domain(), week)),
              day.day().toString(),
              Table.counts(day.counts())));
    }
    Table.Builder dkim = authTable("dkim", "selector");
    reads.dkimResults(ip, week).forEach(r -> authRow(dkim, r));
    Table.Builder spf = authTable("spf", "scope");
    reads.spfResults(ip, week).forEach(r -> authRow(spf, r));
    var reports =
        Table.of("reports", fmt.t("table.reports"))
            .column("report", fmt.t("column.report"), TEXT)
            .column("domain", fmt.t("column.domain"), TEXT)
            .column("reporter", fmt.t("column.reporter"), TEXT)
            .column("begin", fmt.t("column.begin"), TIME)
            .column("messages", fmt.t("column.sourceMessages"), COUNT);
    for (Reads.SourceReport r : reads.reportsOfSource(ip, week)) {
      reports.row(
          null,
          new Table.Link(Long.toString(r.id()), "/reports/" + r.id()),
          r.domain(),
          r.reporter(),
          r.begin(),
          r.messages());
    }
    var findings =
        Table.of("findings", fmt.t("table.findings"))
            .column("domain", fmt.t("column.domain"), TEXT)
            .column("window_end", fmt.t("column.window_end"), TIME)
            .column("messages", fmt.t("column.messages"), COUNT)
            .column("verdict", fmt.t("column.verdict"), TEXT)
            .column("service", fmt.t("column.service"), TEXT)
            .column("fix", fmt.t("column.fix"), PROSE);
    for (FindingsRecord f : reads.findings(ip)) {
      findings.row(
          null,
          f.getPolicyDomain(),
          f.getWindowEnd(),
          f.getMessages(),
          f.getVerdict() == null ? null : f.getVerdict().code(),
          f.getService(),
          f.getAction());
    }
    Map<String, Object> facts = weekFacts(week);
    facts.put("ip", ip);
    facts.put("ptr", host.map(HostsRecord::getPtr).orElse(null));
    facts.put("forward_confirmed", host.map(HostsRecord::getForwardConfirmed).orElse(null));
    facts.put("org_domain", host.map(HostsRecord::getOrgDomain).orElse(null));
    facts.put("service", host.map(HostsRecord::getService).orElse(null));
    facts.put("listed_on", host.map(HostsRecord::getListedOn).map(l -> List.of(l)).orElse(null));
    facts.put("checked_at", host.map(HostsRecord::getCheckedAt).orElse(null));
    return new View(
        "source",
        ip + " · " + week,
        new SourcePage(ip, weeks(week), host.orElse(null)),
        facts,
        List.of(
            days.empty(fmt.t("empty.sourceDays", week.toString(), ip)),
            dkim.empty(fmt.t("empty.dkim", ip, week.toString())),
            spf.empty(fmt.t("empty.spf", ip, week.toString())),
            reports.empty(fmt.t("empty.sourceDays", week.toString(), ip)),
            findings.empty(fmt.t("empty.findings", ip))));
  }

  /**
   * A source's DKIM or SPF results: a domain, its selector or scope, the result, messages; titled
   * {@code web.table.<key>}, the first two columns {@code web.column.<key>.*}.
   */
  private Table.Builder authTable(String key, String detailKey) {
    return Table.of(key, fmt.t("table." + key))
        .column("domain", fmt.t("column." + key + ".domain"), TEXT)
        .column(detailKey, fmt.t("column." + key + "." + detailKey), TEXT)
        .column("result", fmt.t("column.result"), TEXT)
        .column("messages", fmt.t("column.messages"), COUNT);
  }

  private static void authRow(Table.Builder table, Reads.AuthResult r) {
    table.row(
        "pass".equals(r.result()) ? null : "fail",
        r.domain(),
        r.detail(),
        r.result(),
        r.messages());
  }

  // ---- report ---------------------------------------------------------------------------------

  record ReportPage(ReportsRecord report, int shown) {}

  Optional<View> report(long id, int limit) {
    Optional<ReportsRecord> found = reads.report(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ReportsRecord r = found.get();
    var records =
        Table.of("records", fmt.t("table.records"))
            .column("record_no", fmt.t("column.record_no"), COUNT)
            .column("source_ip", fmt.t("column.source_ip"), TEXT)
            .column("messages", fmt.t("column.messages"), COUNT)
            .column("disposition", fmt.t("column.disposition"), TEXT)
            .column("evaluated", fmt.t("column.evaluated"), TEXT)
            .column("header_from", fmt.t("column.fromDomain"), TEXT)
            .column("dkim", fmt.t("column.dkim"), TEXT)
            .column("spf", fmt.t("column.spf"), TEXT);
    IsoWeek week = IsoWeek.containing(r.getBeginAt().toLocalDate());
    var rows = reads.records(r, limit);
    for (var rec : rows) {
      records.row(
          rec.value5() != null && !rec.value5().contains("pass") ? "fail" : null,
          rec.value1().longValue(),
          new Table.Link(rec.value2(), sourceHref(rec.value2(), week)),
          rec.value3(),
          rec.value4(),
          rec.value5(),
          rec.value6(),
          rec.value7(),
          rec.value8());
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("id", r.getId());
    facts.put("org_name", r.getOrgName());
    facts.put("email", r.getEmail());
    facts.put("report_id", r.getReportId());
    facts.put("policy_domain", r.getPolicyDomain());
    facts.put("begin", r.getBeginAt());
    facts.put("end", r.getEndAt());
    facts.put("p", r.getP());
    facts.put("sp", r.getSp());
    facts.put("pct", r.getPct());
    facts.put("adkim", r.getAdkim());
    facts.put("aspf", r.getAspf());
    facts.put("np", r.getNp());
    facts.put("fo", r.getFo());
    facts.put("testing", r.getTesting());
    facts.put("generator", r.getGenerator());
    facts.put("errors", r.getErrors() == null ? List.of() : List.of(r.getErrors()));
    facts.put("record_count", (long) r.getRecordCount());
    facts.put("message_count", r.getMessageCount());
    facts.put("input_id", r.getInputId());
    facts.put("imported_at", r.getImportedAt());
    return Optional.of(
        new View(
            "report",
            r.getOrgName() + " · " + r.getReportId(),
            new ReportPage(r, rows.size()),
            facts,
            List.of(records.empty(fmt.t("empty.records")))));
  }

  // ---- inputs ---------------------------------------------------------------------------------

  record InputsPage(Map<InputStatus, Long> counts, InputStatus status, Long nextBefore) {}

  View inputs(Long before, InputStatus status) {
    List<Reads.InputRow> rows = reads.inputs(before, status);
    var t =
        Table.of("inputs", fmt.t("table.inputs"))
            .column("id", fmt.t("column.id"), COUNT)
            .column("received_at", fmt.t("column.received_at"), TIME)
            .column("origin_kind", fmt.t("column.origin_kind"), TEXT)
            .column("origin", fmt.t("column.origin"), TEXT)
            .column("status", fmt.t("column.status"), TEXT)
            .column("error", fmt.t("column.error"), PROSE)
            .column("size_bytes", fmt.t("column.size_bytes"), COUNT)
            .column("reports", fmt.t("column.reports"), COUNT)
            .column("raw", fmt.t("column.raw"), TEXT);
    for (Reads.InputRow i : rows) {
      t.row(
          switch (i.status()) {
            case REJECTED -> "fail";
            case PARTIAL -> "warn";
            default -> null;
          },
          i.id(),
          i.receivedAt(),
          i.originKind(),
          i.origin(),
          i.status().code(),
          i.error(),
          i.sizeBytes(),
          (long) i.reports(),
          i.rawKept()
              ? new Table.Link("/inputs/" + i.id() + "/raw", "/inputs/" + i.id() + "/raw")
              : null);
    }
    Map<InputStatus, Long> counts = reads.inputCounts();
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, Object> byStatus = new LinkedHashMap<>();
    counts.forEach((s, n) -> byStatus.put(s.code(), n));
    facts.put("inputs_by_status", byStatus);
    facts.put("status", status == null ? null : status.code());
    Long next = rows.size() == Reads.INPUTS_PER_PAGE ? rows.get(rows.size() - 1).id() : null;
    facts.put("next_before", next);
    return new View(
        "inputs",
        fmt.t("title.inputs"),
        new InputsPage(counts, status, next),
        facts,
        List.of(
            t.empty(
                status == null
                    ? fmt.t("empty.inputs")
                    : fmt.t("empty.inputs.status", status.code()))));
  }

  // ---- shared ---------------------------------------------------------------------------------

  private static Map<String, Object> weekFacts(IsoWeek week) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("week", week.toString());
    facts.put("start", week.start());
    facts.put("end", week.end());
    return facts;
  }

  static String domainHref(String domain, IsoWeek week) {
    return "/domains/" + URLEncoder.encode(domain, StandardCharsets.UTF_8) + "?week=" + week;
  }

  static String sourceHref(String ip, IsoWeek week) {
    return "/sources/" + URLEncoder.encode(ip, StandardCharsets.UTF_8) + "?week=" + week;
  }
}
