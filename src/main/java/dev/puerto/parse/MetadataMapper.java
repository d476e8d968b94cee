package dev.puerto.parse;

import dev.puerto.parse.xml.DateRangeType;
import dev.puerto.parse.xml.ReportMetadataType;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates and normalises {@code report_metadata}. */
final class MetadataMapper {
  /** Some generators write epoch seconds as a float ({@code 1337270400.0}). */
  private static final Pattern EPOCH_SECONDS = Pattern.compile("([0-9]{1,18})(\\.[0-9]*)?");

  /**
   * Report periods Puerto accepts: epoch seconds that fit 32 bits unsigned, 1970-01-01 to
   * 2106-02-07 (RFC 9990's own example report is dated 1979). Beyond, a date is no period but a
   * broken generator's number, and would overflow Java's and PostgreSQL's time types.
   */
  static final Instant EARLIEST = Instant.EPOCH;

  static final Instant LATEST = Instant.ofEpochSecond(1L << 32);

  private MetadataMapper() {}

  static ReportMetadata map(ReportMetadataType xml) {
    String reportId = reportId(xml.getReportId());
    DateRangeType range = xml.getDateRange();
    if (range == null) {
      throw new InvalidReportException("<report_metadata> has no <date_range>");
    }
    Instant begin = epochSeconds("begin", range.getBegin());
    Instant end = epochSeconds("end", range.getEnd());
    if (end.isBefore(begin)) {
      throw new InvalidReportException(
          "<date_range> ends (" + end + ") before it begins (" + begin + ")");
    }
    String email = Values.atMost(Values.text(xml.getEmail()), Values.MAX_NAME_OCTETS, "<email>");
    String orgName =
        Values.atMost(Values.text(xml.getOrgName()), Values.MAX_NAME_OCTETS, "<org_name>");
    return new ReportMetadata(
        Values.isBlank(orgName) ? domainOf(email).orElse(orgName) : orgName,
        email,
        Values.text(xml.getExtraContactInfo(), "<extra_contact_info>"),
        reportId,
        begin,
        end,
        xml.getError().stream()
            .map(error -> Values.text(error, "<error>"))
            .filter(error -> !error.isEmpty())
            .toList(),
        Values.text(xml.getGenerator(), "<generator>"),
        Values.atMost(
            Values.text(xml.getVersion()),
            Values.MAX_KEYWORD_OCTETS,
            "<report_metadata>/<version>"));
  }

  /** RFC 9990 allows {@code <id>}; the brackets are not part of the id. */
  private static String reportId(String raw) {
    String id = Values.text(raw);
    if (id != null && id.length() >= 2 && id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1).strip();
    }
    if (Values.isBlank(id)) {
      throw new InvalidReportException(
          "<report_metadata> has " + (id == null ? "no <report_id>" : "an empty <report_id>"));
    }
    return Values.atMost(id, Values.MAX_REPORT_ID_OCTETS, "<report_id>");
  }

  private static Instant epochSeconds(String element, String raw) {
    if (raw == null) {
      throw new InvalidReportException("<date_range> has no <" + element + ">");
    }
    Matcher matcher = EPOCH_SECONDS.matcher(raw.strip());
    if (!matcher.matches()) {
      throw new InvalidReportException(
          "<date_range>/<"
              + element
              + "> is not a number of epoch seconds: \""
              + raw.strip()
              + "\"");
    }
    long seconds = Long.parseLong(matcher.group(1));
    if (seconds < EARLIEST.getEpochSecond() || seconds >= LATEST.getEpochSecond()) {
      throw new InvalidReportException(
          "<date_range>/<"
              + element
              + "> "
              + seconds
              + " is not a date from "
              + EARLIEST
              + " to "
              + LATEST
              + " (epoch seconds)");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /** Reporters that leave out org_name are best named by their mail domain. */
  private static Optional<String> domainOf(String email) {
    int at = email == null ? -1 : email.lastIndexOf('@');
    return at < 0
        ? Optional.empty()
        : Optional.of(Values.domain(email.substring(at + 1).replace(">", "")));
  }
}
