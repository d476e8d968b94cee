package dev.puerto.parse;

import static java.util.Objects.requireNonNullElseGet;

import dev.puerto.parse.xml.AuthResultType;
import dev.puerto.parse.xml.IdentifierType;
import dev.puerto.parse.xml.PolicyEvaluatedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.RowType;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Validates and normalises one {@code record}; messages name the record by its 1-based number. */
final class RecordMapper {
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");

  private final int number;
  private final String extensions;

  private RecordMapper(int number, String extensions) {
    this.number = number;
    this.extensions = extensions;
  }

  /** The record; {@code extensions} as {@link ExtensionText} wrote them, kept as they are. */
  static ReportRecord map(RecordType xml, String extensions, int number) {
    return new RecordMapper(number, extensions).map(xml);
  }

  private record Row(
      InetAddress sourceIp,
      long count,
      String disposition,
      String dkim,
      String spf,
      List<OverrideReason> reasons) {}

  private ReportRecord map(RecordType xml) {
    try {
      return mapped(xml);
    } catch (InvalidReportException e) {
      throw e.getMessage().startsWith("record ") ? e : invalid(e.getMessage());
    }
  }

  private ReportRecord mapped(RecordType xml) {
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
        Values.domain(ids.getHeaderFrom(), "<header_from>"),
        Values.domain(ids.getEnvelopeFrom(), "<envelope_from>"),
        Values.domain(ids.getEnvelopeTo(), "<envelope_to>"),
        each(
            auth.getDkim(),
            dkim ->
                new DkimResult(
                    Values.domain(dkim.getDomain(), "<dkim>/<domain>"),
                    Values.domainName(Values.text(dkim.getSelector()), "<dkim>/<selector>"),
                    Values.keyword(dkim.getResult(), "<dkim>/<result>"),
                    Values.text(dkim.getHumanResult(), "<dkim>/<human_result>"))),
        each(
            auth.getSpf(),
            spf ->
                new SpfAuthResult(
                    Values.domain(spf.getDomain(), "<spf>/<domain>"),
                    Values.keyword(spf.getScope(), "<spf>/<scope>"),
                    Values.keyword(spf.getResult(), "<spf>/<result>"),
                    Values.text(spf.getHumanResult(), "<spf>/<human_result>"))),
        extensions);
  }

  /** A repeated identical row is harmless; rows that disagree leave the count unknown. */
  private Row row(List<RowType> rows) {
    if (rows.isEmpty()) {
      throw invalid("has no <row>");
    }
    List<Row> mapped = each(rows, this::row);
    Row first = mapped.get(0);
    for (Row other : mapped) {
      if (!other.equals(first)) {
        throw invalid("has " + rows.size() + " <row> elements that disagree");
      }
    }
    return first;
  }

  private Row row(RowType xml) {
    PolicyEvaluatedType evaluated =
        requireNonNullElseGet(xml.getPolicyEvaluated(), PolicyEvaluatedType::new);
    return new Row(
        sourceIp(xml.getSourceIp()),
        count(xml.getCount()),
        Values.keyword(evaluated.getDisposition(), "<disposition>"),
        Values.keyword(evaluated.getDkim(), "<policy_evaluated>/<dkim>"),
        Values.keyword(evaluated.getSpf(), "<policy_evaluated>/<spf>"),
        each(
            evaluated.getReason(),
            reason ->
                new OverrideReason(
                    Values.keyword(reason.getType(), "<reason>/<type>"),
                    Values.text(reason.getComment(), "<reason>/<comment>"))));
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
    if (!COUNT.matcher(count).matches()) {
      throw invalid("<count> is not a non-negative integer: \"" + count + "\"");
    }
    return Long.parseLong(count);
  }

  /** A loop, not a stream: this runs for every record and every result in it. */
  private static <T, R> List<R> each(List<T> items, Function<T, R> mapping) {
    List<R> mapped = new ArrayList<>(items.size());
    for (T item : items) {
      mapped.add(mapping.apply(item));
    }
    return mapped;
  }

  private InvalidReportException invalid(String problem) {
    String separator = problem.startsWith("<") ? ": " : " ";
    return new InvalidReportException("record " + number + separator + problem);
  }
}
