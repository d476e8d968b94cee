package dev.puerto.summary;

import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.schema.InputStatus;
import dev.puerto.schema.Routines;
import dev.puerto.schema.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.postgres.extensions.types.Inet;

/** Writes reports and records straight into the tables, with exactly the periods a test needs. */
final class ReportRows {
  private final DSLContext dsl;
  private final long inputId;
  private final AtomicInteger reportIds = new AtomicInteger();

  ReportRows(DSLContext dsl) {
    this.dsl = dsl;
    byte[] sha = new byte[32];
    ThreadLocalRandom.current().nextBytes(sha);
    this.inputId =
        dsl.insertInto(INPUTS)
            .set(INPUTS.SHA256, sha)
            .set(INPUTS.ORIGIN_KIND, "file")
            .set(INPUTS.ORIGIN, "test")
            .set(INPUTS.SIZE_BYTES, 0L)
            .set(INPUTS.RAW_GZIP, new byte[0])
            .set(INPUTS.STATUS, InputStatus.IMPORTED)
            .returning(INPUTS.ID)
            .fetchOne(INPUTS.ID);
  }

  /** The input every row written here comes from. */
  long inputId() {
    return inputId;
  }

  /** One record: source IP, count, disposition and policy-evaluated DKIM/SPF results. */
  record Row(String ip, long count, String disposition, String dkim, String spf) {
    static Row pass(String ip, long count) {
      return new Row(ip, count, "none", "pass", "pass");
    }

    static Row fail(String ip, long count) {
      return new Row(ip, count, "none", "fail", "fail");
    }
  }

  long report(
      String org, String domain, String p, OffsetDateTime begin, OffsetDateTime end, Row... rows) {
    long key =
        dsl.insertInto(REPORTS)
            .set(REPORTS.INPUT_ID, inputId)
            .set(REPORTS.INPUT_PART, "test")
            .set(REPORTS.ORG_NAME, org)
            .set(REPORTS.REPORT_ID, "r" + reportIds.incrementAndGet())
            .set(REPORTS.BEGIN_AT, begin)
            .set(REPORTS.END_AT, end)
            .set(REPORTS.POLICY_DOMAIN, domain)
            .set(REPORTS.P, p)
            .set(REPORTS.PCT, 100)
            .set(REPORTS.RECORD_COUNT, rows.length)
            .returning(REPORTS.ID)
            .fetchOne(REPORTS.ID);
    LocalDate month = Routines.ensureReportPartitions(dsl.configuration(), begin);
    int no = 0;
    for (Row row : rows) {
      dsl.insertInto(RECORDS)
          .set(RECORDS.REPORT_KEY, key)
          .set(RECORDS.PERIOD_MONTH, month)
          .set(RECORDS.RECORD_NO, ++no)
          .set(RECORDS.SOURCE_IP, inet(row.ip()))
          .set(RECORDS.MESSAGE_COUNT, row.count())
          .set(RECORDS.DISPOSITION, row.disposition())
          .set(RECORDS.DKIM_RESULT, row.dkim())
          .set(RECORDS.SPF_RESULT, row.spf())
          .set(RECORDS.HEADER_FROM, domain)
          .execute();
    }
    return key;
  }

  void finding(
      String domain, String ip, IsoWeek week, Verdict verdict, String action, String service) {
    dsl.insertInto(FINDINGS)
        .set(FINDINGS.POLICY_DOMAIN, domain)
        .set(FINDINGS.SOURCE_IP, inet(ip))
        .set(FINDINGS.WINDOW_START, week.start())
        .set(FINDINGS.WINDOW_END, week.end())
        .set(FINDINGS.MESSAGES, 0L)
        .set(FINDINGS.VERDICT, verdict)
        .set(FINDINGS.ACTION, action)
        .set(FINDINGS.SERVICE, service)
        .execute();
  }

  void host(String ip, String ptr, String service) {
    dsl.insertInto(HOSTS)
        .set(HOSTS.IP, inet(ip))
        .set(HOSTS.PTR, ptr)
        .set(HOSTS.SERVICE, service)
        .execute();
  }

  void clear() {
    dsl.execute("TRUNCATE inputs, hosts, findings CASCADE");
  }

  /** An IP literal (never a name: no DNS lookup happens). */
  static Inet inet(String literal) {
    try {
      return Inet.valueOf(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  static OffsetDateTime utc(String isoInstant) {
    return OffsetDateTime.parse(isoInstant);
  }

  static String ip(int n) {
    return "198.51.100." + n;
  }
}
