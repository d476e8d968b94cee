package dev.puerto.parse;

import static java.util.Objects.requireNonNullElseGet;

import dev.puerto.parse.xml.AuthResultType;
import dev.puerto.parse.xml.IdentifierType;
import dev.puerto.parse.xml.PolicyEvaluatedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.RowType;
import java.net.InetAddress;
import java.util.List;

/** Validates and normalises one {@code record}; messages name the record by its 1-based number. */
final class RecordMapper {
  private final int number;

  private RecordMapper(int number) {
    this.number = number;
  }

  static ReportRecord map(RecordType xml, int number) {
    return new RecordMapper(number).map(xml);
  }

  private record Row(
      InetAddress sourceIp,
      long count,
      String disposition,
      String dkim,
      String spf,
      List<OverrideReason> reasons) {}

  private ReportRecord map(RecordType xml) {
    Row row = row(xml.getRow());
    IdentifierType ids =
        requireNonNullElseGet(
            xml.getIdentifiers(),
            () -> requireNonNullElseGet(xml.getIdentities(), IdentifierType::new));
    AuthResultType auth = requireNonNullElseGet(xml.getAuthResults(), AuthResultType::new);
    return new ReportRecord(
        row.sourceIp(),
        row.count(),
        row.disposition(),
        row.dkim(),
        row.spf(),
        row.reasons(),
        Values.domain(ids.getHeaderFrom()),
        Values.domain(ids.getEnvelopeFrom()),
        Values.domain(ids.getEnvelopeTo()),
        auth.getDkim().stream()
            .map(
                dkim ->
                    new DkimResult(
                        Values.domain(dkim.getDomain()),
                        Values.text(dkim.getSelector()),
                        Values.keyword(dkim.getResult()),
                        Values.text(dkim.getHumanResult())))
            .toList(),
        auth.getSpf().stream()
            .map(
                spf ->
                    new SpfResult(
                        Values.domain(spf.getDomain()),
                        Values.keyword(spf.getScope()),
                        Values.keyword(spf.getResult()),
                        Values.text(spf.getHumanResult())))
            .toList());
  }

  /** A repeated identical row is harmless; rows that disagree leave the count unknown. */
  private Row row(List<RowType> rows) {
    List<Row> distinct = rows.stream().map(this::row).distinct().toList();
    if (distinct.isEmpty()) {
      throw invalid("has no <row>");
    }
    if (distinct.size() > 1) {
      throw invalid("has " + rows.size() + " <row> elements that disagree");
    }
    return distinct.get(0);
  }

  private Row row(RowType xml) {
    PolicyEvaluatedType evaluated =
        requireNonNullElseGet(xml.getPolicyEvaluated(), PolicyEvaluatedType::new);
    return new Row(
        sourceIp(xml.getSourceIp()),
        count(xml.getCount()),
        Values.keyword(evaluated.getDisposition()),
        Values.keyword(evaluated.getDkim()),
        Values.keyword(evaluated.getSpf()),
        evaluated.getReason().stream()
            .map(
                reason ->
                    new OverrideReason(
                        Values.keyword(reason.getType()), Values.text(reason.getComment())))
            .toList());
  }

  private InetAddress sourceIp(String raw) {
    String ip = Values.text(raw);
    if (Values.isBlank(ip)) {
      throw invalid(ip == null ? "has no <source_ip>" : "has an empty <source_ip>");
    }
    return IpLiterals.parse(ip)
        .orElseThrow(() -> invalid("<source_ip> is not an IPv4 or IPv6 address: \"" + ip + "\""));
  }

  private long count(String raw) {
    String count = Values.text(raw);
    if (count == null) {
      throw invalid("has no <count>");
    }
    if (!count.matches("[0-9]{1,18}")) {
      throw invalid("<count> is not a non-negative integer: \"" + count + "\"");
    }
    return Long.parseLong(count);
  }

  private InvalidReportException invalid(String problem) {
    String separator = problem.startsWith("<") ? ": " : " ";
    return new InvalidReportException("record " + number + separator + problem);
  }
}
