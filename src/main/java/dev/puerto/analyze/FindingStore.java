package dev.puerto.analyze;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static dev.puerto.schema.Tables.OVERRIDE_REASONS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SPF_RESULTS;

import dev.puerto.analyze.FailingSource.AuthResult;
import dev.puerto.schema.Routines;
import dev.puerto.schema.Verdict;
import dev.puerto.store.Database;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The analyzer's reads of reports and writes of findings and hosts. Reports are read from {@code
 * reads} (which may be a read-only standby), findings and hosts written to {@code writes}; the
 * verdicts judged before are read inside the writing transaction, so they are the primary's own.
 */
final class FindingStore {
  private final DSLContext reads;
  private final DSLContext writes;

  FindingStore(Database reads, Database writes) {
    this.reads = reads.dsl();
    this.writes = writes.dsl();
  }

  private static Condition inWindow(Window window, Optional<String> domain) {
    Condition condition =
        REPORTS
            .BEGIN_AT
            .ge(window.start().atOffset(ZoneOffset.UTC))
            .and(REPORTS.BEGIN_AT.lt(window.end().atOffset(ZoneOffset.UTC)));
    return domain.map(d -> condition.and(REPORTS.POLICY_DOMAIN.eq(d))).orElse(condition);
  }

  private static Condition dmarcPass() {
    return Routines.dmarcPass(RECORDS.DKIM_RESULT, RECORDS.SPF_RESULT).isTrue();
  }

  /** Every (policy domain, source IP) with mail that failed DMARC in the window. */
  List<FailingSource> failingSources(Window window, Optional<String> domain) {
    Condition failing = inWindow(window, domain).and(DSL.not(dmarcPass()));
    Map<Key, Builder> sources = new LinkedHashMap<>();
    Map<Long, Map<Integer, Builder>> byRecord = new HashMap<>();
    reads
        .select(
            RECORDS.REPORT_KEY,
            RECORDS.RECORD_NO,
            REPORTS.POLICY_DOMAIN,
            RECORDS.SOURCE_IP,
            RECORDS.MESSAGE_COUNT,
            RECORDS.ENVELOPE_FROM)
        .from(RECORDS)
        .join(REPORTS)
        .on(ofReport())
        .where(failing)
        .orderBy(REPORTS.POLICY_DOMAIN, RECORDS.SOURCE_IP)
        .fetch()
        .forEach(
            r -> {
              Key key =
                  new Key(
                      r.get(REPORTS.POLICY_DOMAIN).toLowerCase(Locale.ROOT),
                      r.get(RECORDS.SOURCE_IP).address());
              Builder source = sources.computeIfAbsent(key, Builder::new);
              source.messages += r.get(RECORDS.MESSAGE_COUNT);
              if (r.get(RECORDS.ENVELOPE_FROM) != null && !r.get(RECORDS.ENVELOPE_FROM).isBlank()) {
                source.envelope.add(r.get(RECORDS.ENVELOPE_FROM).toLowerCase(Locale.ROOT));
              }
              byRecord
                  .computeIfAbsent(r.get(RECORDS.REPORT_KEY), k -> new HashMap<>())
                  .put(r.get(RECORDS.RECORD_NO), source);
            });
    children(
            DKIM_RESULTS,
            DKIM_RESULTS.REPORT_KEY,
            DKIM_RESULTS.RECORD_NO,
            DKIM_RESULTS.PERIOD_MONTH,
            failing)
        .forEach(
            r ->
                owner(byRecord, r, DKIM_RESULTS.REPORT_KEY, DKIM_RESULTS.RECORD_NO)
                    .dkim
                    .add(
                        new AuthResult(
                            lower(r.get(DKIM_RESULTS.DOMAIN)),
                            r.get(DKIM_RESULTS.SELECTOR),
                            lower(r.get(DKIM_RESULTS.RESULT)))));
    children(
            SPF_RESULTS,
            SPF_RESULTS.REPORT_KEY,
            SPF_RESULTS.RECORD_NO,
            SPF_RESULTS.PERIOD_MONTH,
            failing)
        .forEach(
            r ->
                owner(byRecord, r, SPF_RESULTS.REPORT_KEY, SPF_RESULTS.RECORD_NO)
                    .spf
                    .add(
                        new AuthResult(
                            lower(r.get(SPF_RESULTS.DOMAIN)),
                            null,
                            lower(r.get(SPF_RESULTS.RESULT)))));
    children(
            OVERRIDE_REASONS,
            OVERRIDE_REASONS.REPORT_KEY,
            OVERRIDE_REASONS.RECORD_NO,
            OVERRIDE_REASONS.PERIOD_MONTH,
            failing)
        .forEach(
            r -> {
              if (r.get(OVERRIDE_REASONS.TYPE) != null) {
                owner(byRecord, r, OVERRIDE_REASONS.REPORT_KEY, OVERRIDE_REASONS.RECORD_NO)
                    .reasons
                    .add(lower(r.get(OVERRIDE_REASONS.TYPE)));
              }
            });
    return sources.values().stream().map(Builder::build).toList();
  }

  /** Rows of a child table (DKIM or SPF results, override reasons) of the failing records. */
  private Result<Record> children(
      Table<?> table,
      Field<Long> reportKey,
      Field<Integer> recordNo,
      Field<LocalDate> periodMonth,
      Condition failing) {
    return reads
        .select(table.fields())
        .from(table)
        .join(RECORDS)
        .on(RECORDS.REPORT_KEY.eq(reportKey))
        .and(RECORDS.RECORD_NO.eq(recordNo))
        .and(RECORDS.PERIOD_MONTH.eq(periodMonth))
        .join(REPORTS)
        .on(ofReport())
        .where(failing)
        .fetch();
  }

  /** A record's report: the join matches the month too, so only that month's partition is read. */
  private static Condition ofReport() {
    return REPORTS.ID.eq(RECORDS.REPORT_KEY).and(REPORTS.PERIOD_MONTH.eq(RECORDS.PERIOD_MONTH));
  }

  private static Builder owner(
      Map<Long, Map<Integer, Builder>> byRecord,
      Record row,
      Field<Long> reportKey,
      Field<Integer> recordNo) {
    return byRecord.get(row.get(reportKey)).get(row.get(recordNo));
  }

  private static String lower(String text) {
    return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
  }

  /** Source IPs whose mail passed DMARC, the busiest first, up to {@code limit} per domain. */
  Map<String, List<InetAddress>> passingSources(Window window, Optional<String> domain, int limit) {
    Field<java.math.BigDecimal> volume = DSL.sum(RECORDS.MESSAGE_COUNT).as("volume");
    Map<String, List<InetAddress>> result = new LinkedHashMap<>();
    reads
        .select(REPORTS.POLICY_DOMAIN, RECORDS.SOURCE_IP, volume)
        .from(RECORDS)
        .join(REPORTS)
        .on(ofReport())
        .where(inWindow(window, domain).and(dmarcPass()))
        .groupBy(REPORTS.POLICY_DOMAIN, RECORDS.SOURCE_IP)
        .orderBy(REPORTS.POLICY_DOMAIN, volume.desc())
        .fetch()
        .forEach(
            r -> {
              List<InetAddress> ips =
                  result.computeIfAbsent(
                      r.value1().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
              if (ips.size() < limit) {
                ips.add(r.value2().address());
              }
            });
    return result;
  }

  /**
   * DKIM selectors the reports named for a domain (or its subdomains' signatures as that domain).
   */
  List<String> selectorsSeen(String domain) {
    return reads
        .selectDistinct(DKIM_RESULTS.SELECTOR)
        .from(DKIM_RESULTS)
        .where(DSL.lower(DKIM_RESULTS.DOMAIN).eq(domain.toLowerCase(Locale.ROOT)))
        .and(DKIM_RESULTS.SELECTOR.isNotNull())
        .and(DKIM_RESULTS.SELECTOR.ne(""))
        .orderBy(DKIM_RESULTS.SELECTOR)
        .fetch(DKIM_RESULTS.SELECTOR);
  }

  /**
   * Replaces the window's findings for the analysed domains (all of them, or the one asked for) and
   * updates the hosts, in one transaction. A dns_error finding does not replace a verdict judged
   * before: for a source that has one (in any window), the window's row keeps the latest judged
   * verdict, action, service, evidence and checked_at, with this run's message count, and records
   * the attempt in last_attempt_at and last_error. Hosts keep their PTR data when this run's PTR
   * lookup failed.
   *
   * @return the verdicts kept that way
   */
  List<KeptVerdict> save(
      Window window,
      Optional<String> domain,
      Collection<Finding> findings,
      Collection<HostCheck> hosts,
      OffsetDateTime checkedAt) {
    OffsetDateTime start = window.start().atOffset(ZoneOffset.UTC);
    OffsetDateTime end = window.end().atOffset(ZoneOffset.UTC);
    List<KeptVerdict> kept = new ArrayList<>();
    writes.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Map<Key, Judged> before =
              latestJudged(
                  tx,
                  findings.stream()
                      .filter(f -> f.verdict() == Verdict.DNS_ERROR)
                      .map(Key::of)
                      .toList());
          Condition same = FINDINGS.WINDOW_START.eq(start).and(FINDINGS.WINDOW_END.eq(end));
          tx.deleteFrom(FINDINGS)
              .where(domain.map(d -> same.and(FINDINGS.POLICY_DOMAIN.eq(d))).orElse(same))
              .execute();
          for (List<Finding> chunk : chunks(List.copyOf(findings))) {
            insertFindings(tx, start, end, chunk, before, checkedAt, kept);
          }
          saveHosts(tx, hosts, checkedAt);
        });
    return List.copyOf(kept);
  }

  /** One multi-row INSERT; a source with a verdict judged before keeps it, and is added to kept. */
  private static void insertFindings(
      DSLContext tx,
      OffsetDateTime start,
      OffsetDateTime end,
      List<Finding> chunk,
      Map<Key, Judged> before,
      OffsetDateTime checkedAt,
      List<KeptVerdict> kept) {
    var insert =
        tx.insertInto(
            FINDINGS,
            FINDINGS.POLICY_DOMAIN,
            FINDINGS.SOURCE_IP,
            FINDINGS.WINDOW_START,
            FINDINGS.WINDOW_END,
            FINDINGS.MESSAGES,
            FINDINGS.VERDICT,
            FINDINGS.ACTION,
            FINDINGS.SERVICE,
            FINDINGS.EVIDENCE,
            FINDINGS.CHECKED_AT,
            FINDINGS.LAST_ATTEMPT_AT,
            FINDINGS.LAST_ERROR);
    for (Finding f : chunk) {
      Judged earlier = before.get(Key.of(f));
      Judged stored = earlier == null ? Judged.now(f, checkedAt) : earlier;
      if (earlier != null) {
        kept.add(earlier.kept(f));
      }
      insert =
          insert.values(
              f.policyDomain(),
              Inet.inet(f.sourceIp()),
              start,
              end,
              f.messages(),
              stored.verdict(),
              stored.action(),
              stored.service(),
              stored.evidence(),
              stored.checkedAt(),
              checkedAt,
              f.dnsError());
    }
    insert.execute();
  }

  /** The judged part of a findings row: this run's, or for a source it could not judge, kept. */
  private record Judged(
      Verdict verdict, String action, String service, JSONB evidence, OffsetDateTime checkedAt) {
    static Judged now(Finding f, OffsetDateTime checkedAt) {
      return new Judged(
          f.verdict(),
          f.action(),
          f.service(),
          JSONB.valueOf(EvidenceJson.of(f).toString()),
          checkedAt);
    }

    KeptVerdict kept(Finding f) {
      return new KeptVerdict(f.policyDomain(), f.sourceIp(), verdict, action, service, checkedAt);
    }
  }

  /**
   * The latest finding that was judged (not dns_error) for each of these (domain, source), in any
   * window.
   */
  private static Map<Key, Judged> latestJudged(DSLContext tx, List<Key> keys) {
    Map<Key, Judged> latest = new HashMap<>();
    for (List<Key> chunk : chunks(keys)) {
      tx.select(
              FINDINGS.POLICY_DOMAIN,
              FINDINGS.SOURCE_IP,
              FINDINGS.VERDICT,
              FINDINGS.ACTION,
              FINDINGS.SERVICE,
              FINDINGS.EVIDENCE,
              FINDINGS.CHECKED_AT)
          .distinctOn(FINDINGS.POLICY_DOMAIN, FINDINGS.SOURCE_IP)
          .from(FINDINGS)
          .where(FINDINGS.VERDICT.ne(Verdict.DNS_ERROR))
          .and(
              DSL.row(FINDINGS.POLICY_DOMAIN, FINDINGS.SOURCE_IP)
                  .in(chunk.stream().map(k -> DSL.row(k.domain(), Inet.inet(k.ip()))).toList()))
          .orderBy(FINDINGS.POLICY_DOMAIN, FINDINGS.SOURCE_IP, FINDINGS.CHECKED_AT.desc())
          .fetch()
          .forEach(
              r ->
                  latest.put(
                      new Key(r.value1(), r.value2().address()),
                      new Judged(r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
    }
    return latest;
  }

  /**
   * One row per IP (an IP can fail for one domain and pass for another): a checked blocklist status
   * wins over an unchecked one. A host whose PTR lookup failed (forward_confirmed unknown) keeps
   * the PTR, service and time of its last good lookup; only a blocklist status checked now is
   * written.
   */
  private static void saveHosts(
      DSLContext tx, Collection<HostCheck> hosts, OffsetDateTime checkedAt) {
    Map<InetAddress, HostCheck> unique = new LinkedHashMap<>();
    hosts.forEach(h -> unique.merge(h.ip(), h, (a, b) -> b.listedOn() != null ? b : a));
    for (List<HostCheck> chunk : chunks(List.copyOf(unique.values()))) {
      for (boolean looked : List.of(true, false)) {
        List<HostCheck> rows =
            chunk.stream().filter(h -> (h.forwardConfirmed() != null) == looked).toList();
        if (rows.isEmpty()) {
          continue;
        }
        var insert =
            tx.insertInto(
                HOSTS,
                HOSTS.IP,
                HOSTS.PTR,
                HOSTS.FORWARD_CONFIRMED,
                HOSTS.ORG_DOMAIN,
                HOSTS.SERVICE,
                HOSTS.LISTED_ON,
                HOSTS.CHECKED_AT);
        for (HostCheck h : rows) {
          insert =
              insert.values(
                  Inet.inet(h.ip()),
                  h.ptr(),
                  h.forwardConfirmed(),
                  h.orgDomain(),
                  h.service(),
                  h.listedOn() == null ? null : h.listedOn().toArray(String[]::new),
                  checkedAt);
        }
        var update =
            insert
                .onConflict(HOSTS.IP)
                .doUpdate()
                .set(HOSTS.LISTED_ON, DSL.coalesce(DSL.excluded(HOSTS.LISTED_ON), HOSTS.LISTED_ON));
        if (looked) {
          update
              .set(HOSTS.PTR, DSL.excluded(HOSTS.PTR))
              .set(HOSTS.FORWARD_CONFIRMED, DSL.excluded(HOSTS.FORWARD_CONFIRMED))
              .set(HOSTS.ORG_DOMAIN, DSL.excluded(HOSTS.ORG_DOMAIN))
              .set(HOSTS.SERVICE, DSL.excluded(HOSTS.SERVICE))
              .set(HOSTS.CHECKED_AT, DSL.excluded(HOSTS.CHECKED_AT))
              .execute();
        } else {
          update.execute();
        }
      }
    }
  }

  /** Rows per multi-row INSERT, well under PostgreSQL's 65,535 bind values. */
  private static final int BATCH = 1000;

  private static <T> List<List<T>> chunks(List<T> rows) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += BATCH) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + BATCH)));
    }
    return chunks;
  }

  private record Key(String domain, InetAddress ip) {
    static Key of(Finding f) {
      return new Key(f.policyDomain(), f.sourceIp());
    }
  }

  private static final class Builder {
    final Key key;
    long messages;
    final Set<String> envelope = new LinkedHashSet<>();
    final Set<AuthResult> dkim = new LinkedHashSet<>();
    final Set<AuthResult> spf = new LinkedHashSet<>();
    final Set<String> reasons = new LinkedHashSet<>();

    Builder(Key key) {
      this.key = key;
    }

    FailingSource build() {
      if (envelope.isEmpty()) {
        spf.stream().map(AuthResult::domain).filter(d -> d != null).forEach(envelope::add);
      }
      return new FailingSource(
          key.domain(),
          key.ip(),
          messages,
          List.copyOf(envelope),
          List.copyOf(dkim),
          List.copyOf(spf),
          Set.copyOf(reasons));
    }
  }
}
