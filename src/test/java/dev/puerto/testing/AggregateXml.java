package dev.puerto.testing;

import dev.puerto.ingest.Ingester;
import dev.puerto.ingest.ReportParsers;
import dev.puerto.ingest.ReportStores;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small hand-written aggregate reports, one record per source, imported through the Ingester. */
public final class AggregateXml {
  private final String domain;
  private final String reportId;
  private final Instant begin;
  private final List<String> records = new ArrayList<>();
  private String org = "receiver.example";

  private AggregateXml(String domain, String reportId, Instant begin) {
    this.domain = domain;
    this.reportId = reportId;
    this.begin = begin;
  }

  public static AggregateXml report(String domain, String reportId, Instant begin) {
    return new AggregateXml(domain, reportId, begin);
  }

  /** The reporting organization (default receiver.example). */
  public AggregateXml from(String orgName) {
    org = orgName;
    return this;
  }

  /** A record row; build its auth results with {@link Row}. */
  public AggregateXml record(Row row) {
    records.add(row.xml(domain));
    return this;
  }

  public String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <feedback>
          <report_metadata>
            <org_name>%s</org_name><email>dmarc@%s</email>
            <report_id>%s</report_id>
            <date_range><begin>%d</begin><end>%d</end></date_range>
          </report_metadata>
          <policy_published>
            <domain>%s</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct>
          </policy_published>
        %s
        </feedback>
        """
        .formatted(
            org,
            org,
            reportId,
            begin.getEpochSecond(),
            begin.getEpochSecond() + 86399,
            domain,
            String.join("\n", records));
  }

  public void importInto(Database database) throws IOException {
    new Ingester(
            new Unpacker(UnpackLimits.defaults()),
            ReportParsers.of(false),
            ReportStores.of(database))
        .ingest(
            InboundMessage.ofBytes(
                new Origin(Origin.Kind.FILE, reportId + ".xml"),
                xml().getBytes(StandardCharsets.UTF_8)));
  }

  /** One source's row: policy-evaluated results, identifiers and auth results. */
  public static final class Row {
    private final String ip;
    private final long count;
    private String dkim = "fail";
    private String spf = "fail";
    private String envelopeFrom;
    private final List<String> reasons = new ArrayList<>();
    private final List<String> auth = new ArrayList<>();

    private Row(String ip, long count) {
      this.ip = ip;
      this.count = count;
    }

    /** A source whose mail failed DMARC (both policy-evaluated results fail). */
    public static Row failing(String ip, long count) {
      return new Row(ip, count);
    }

    public static Row passing(String ip, long count) {
      Row row = new Row(ip, count);
      row.dkim = "pass";
      row.spf = "pass";
      return row;
    }

    public Row envelopeFrom(String domain) {
      envelopeFrom = domain;
      return this;
    }

    public Row reason(String type) {
      reasons.add("<reason><type>" + type + "</type></reason>");
      return this;
    }

    public Row dkimAuth(String domain, String selector, String result) {
      auth.add(
          "<dkim><domain>%s</domain><selector>%s</selector><result>%s</result></dkim>"
              .formatted(domain, selector, result));
      return this;
    }

    public Row spfAuth(String domain, String result) {
      auth.add("<spf><domain>%s</domain><result>%s</result></spf>".formatted(domain, result));
      return this;
    }

    String xml(String policyDomain) {
      List<String> results = new ArrayList<>(auth);
      if (results.stream().noneMatch(a -> a.startsWith("<spf>"))) {
        results.add(
            "<spf><domain>%s</domain><result>%s</result></spf>"
                .formatted(envelopeFrom == null ? policyDomain : envelopeFrom, spf));
      }
      return """
            <record>
              <row><source_ip>%s</source_ip><count>%d</count>
                <policy_evaluated><disposition>none</disposition><dkim>%s</dkim><spf>%s</spf>%s</policy_evaluated>
              </row>
              <identifiers><header_from>%s</header_from>%s</identifiers>
              <auth_results>%s</auth_results>
            </record>"""
          .formatted(
              ip,
              count,
              dkim,
              spf,
              String.join("", reasons),
              policyDomain,
              envelopeFrom == null ? "" : "<envelope_from>" + envelopeFrom + "</envelope_from>",
              String.join("", results));
    }
  }
}
