package dev.puerto.summary;

import dev.puerto.schema.Verdict;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The failure reports of a domain-week about one source and one kind of failure.
 *
 * @param sourceIp the address that sent the failing messages; null when the reports named none
 * @param feedbackType {@code auth-failure} (a DMARC failure report; also when the report gave no
 *     type) or another ARF type (abuse, fraud, virus, other)
 * @param authFailure what failed (dmarc, dkim, spf, ...) for auth-failure reports; null otherwise
 *     or when the reports did not say
 * @param first the earliest arrival of the group's reports (as the week counts them)
 * @param last the latest
 * @param headerFroms the first {@value SummaryReader#DISTINCT_NAMED} distinct From domains of the
 *     returned messages, by name
 * @param dkimDomains the same for the failing signatures' d=
 * @param verdict what {@code puerto analyze} found about the source in the week; null when nothing
 */
public record FailureGroup(
    String sourceIp,
    String feedbackType,
    String authFailure,
    long reports,
    OffsetDateTime first,
    OffsetDateTime last,
    List<String> headerFroms,
    List<String> dkimDomains,
    Verdict verdict) {
  static final String AUTH_FAILURE = "auth-failure";

  public FailureGroup {
    headerFroms = List.copyOf(headerFroms);
    dkimDomains = List.copyOf(dkimDomains);
  }

  FailureGroup withVerdict(Verdict found) {
    return new FailureGroup(
        sourceIp, feedbackType, authFailure, reports, first, last, headerFroms, dkimDomains, found);
  }

  /** The kind as people read it: "auth-failure: dkim", "auth-failure", "abuse". */
  String kind() {
    return feedbackType.equals(AUTH_FAILURE) && authFailure != null
        ? AUTH_FAILURE + ": " + authFailure
        : feedbackType;
  }
}
