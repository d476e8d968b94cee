package dev.puerto.generate;

/** {@code report_metadata}; generator is an RFC 9990 element and null elsewhere. */
public record ReportMetadata(
    String orgName,
    String email,
    String extraContactInfo,
    String reportId,
    long begin,
    long end,
    String generator) {}
