package dev.puerto.parse;

/**
 * Collects the header sections, which may come in any order and even after records. A section
 * repeated with the same content is harmless; repeated with other content, the report is ambiguous.
 */
final class ReportHeader {
  private String feedbackVersion;
  private ReportMetadata metadata;
  private PolicyPublished policy;

  void add(Section section) {
    if (section instanceof Section.Version version) {
      feedbackVersion =
          Values.atMost(Values.text(version.text()), Values.MAX_KEYWORD_OCTETS, "<version>");
    } else if (section instanceof Section.Metadata xml) {
      metadata = unambiguous("report_metadata", metadata, MetadataMapper.map(xml.xml()));
    } else if (section instanceof Section.Policy xml) {
      policy = unambiguous("policy_published", policy, PolicyMapper.map(xml.xml()));
    }
  }

  boolean isComplete() {
    return metadata != null && policy != null;
  }

  AggregateReport toReport(String name, String xmlNamespace) {
    if (metadata == null) {
      throw new InvalidReportException("no <report_metadata>");
    }
    if (policy == null) {
      throw new InvalidReportException("no <policy_published>");
    }
    return new AggregateReport(
        name,
        xmlNamespace,
        feedbackVersion != null ? feedbackVersion : metadata.version(),
        metadata.orgName(),
        metadata.email(),
        metadata.extraContactInfo(),
        metadata.reportId(),
        metadata.begin(),
        metadata.end(),
        metadata.errors(),
        metadata.generator(),
        policy);
  }

  private static <T> T unambiguous(String element, T seen, T added) {
    if (seen != null && !seen.equals(added)) {
      throw new InvalidReportException("<" + element + "> appears twice with different content");
    }
    return added;
  }
}
