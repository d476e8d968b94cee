package dev.puerto.parse;

import java.time.Instant;
import java.util.List;

/**
 * The header of one aggregate report: who reported, which period, which policy.
 *
 * <p>Text is trimmed. For every optional text, {@code null} means the element was absent and {@code
 * ""} that it was present but empty. {@code orgName} falls back to the lower-cased domain of {@code
 * email} when {@code org_name} is absent or blank. {@code reportId} is stripped of the {@code
 * <...>} that RFC 9990 allows around it. {@code begin} and {@code end} are whole epoch seconds (a
 * fractional part is dropped), {@code end} is never before {@code begin}. {@code errors} holds the
 * non-blank {@code error} elements. {@code version} is {@code feedback/version}, else {@code
 * report_metadata/version}. {@code xmlNamespace} is the root element's namespace, {@code null} when
 * it has none.
 */
public record AggregateReport(
    String name,
    String xmlNamespace,
    String version,
    String orgName,
    String email,
    String extraContactInfo,
    String reportId,
    Instant begin,
    Instant end,
    List<String> errors,
    String generator,
    PolicyPublished policy) {

  public AggregateReport {
    errors = List.copyOf(errors);
  }
}
