package dev.puerto.parse;

import java.time.Instant;
import java.util.List;

/** The validated content of one {@code report_metadata} element. */
record ReportMetadata(
    String orgName,
    String email,
    String extraContactInfo,
    String reportId,
    Instant begin,
    Instant end,
    List<String> errors,
    String generator,
    String version) {}
