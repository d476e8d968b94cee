package dev.puerto.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The README of {@code reports-samples/}: a table of every file and its expected outcome. */
final class SamplesReadme {
  private static final String INTRO =
      """
      # reports-samples

      Sample inputs written by Puerto itself: nothing here is copied from real reports. The
      folder is produced by `dev.puerto.generate.WriteSamples` (test code) and is reproducible
      byte for byte; `WriteSamplesTest` checks the committed files against a fresh run.
      Regenerate with:

          mvn -q -o test-compile exec:java -Dexec.classpathScope=test \\
            -Dexec.mainClass=dev.puerto.generate.WriteSamples -Dexec.arguments=reports-samples

      (Use `-Dexec.arguments`, not `-Dexec.args`: the latter also reaches the jOOQ code
      generation execution of exec-maven-plugin and breaks it.) Writing the 10 GiB zip bomb
      takes about half a minute.

      What the failure and SMTP TLS reports (`failure/`, `tls/`, `three-kinds.mbox`) hold, field
      by field, is in `src/test/resources/conformance/samples-truth.jsonl`, written by an
      extraction independent of Puerto's code; after changing them, refresh it with:

          python3 src/test/tools/extract_report_truth.py --samples reports-samples \\
            src/test/resources/conformance/samples-truth.jsonl

      Policy domains: `example.com` (p=none), `example.org` (p=reject, sp=reject, adkim=s),
      `example.net` (p=quarantine, sp=none). Reports cover ISO weeks 2026-W10 (March 2-8) and
      2026-W11 (March 9-15). The same sources recur across reporters: own servers 192.0.2.25 /
      2001:db8:25::25 (example.com), 192.0.2.50 / 2001:db8:50::1 (example.org), 192.0.2.80
      (example.net); ESPs 198.51.100.40 (sendgrid.net, DKIM-aligned) and 198.51.100.120
      (amazonses.com, news.example.net); an unaligned CRM 198.51.100.90 (hubspotemail.net); a
      mailing list 198.51.100.77; a forwarder 203.0.113.5; spoofers 203.0.113.66 and
      2001:db8:bad::66.

      """;

  private SamplesReadme() {}

  static String render(List<WriteSamples.WrittenSample> written) {
    StringBuilder readme = new StringBuilder(INTRO);
    readme.append("## Importable\n\n");
    table(readme, inFolder(written, ""));
    readme.append(
        "\n## tricky/: crafted to trip a parser; every report in them must still be stored\n\n");
    readme.append(
        "Their reports are dated 2026-02-02 (week 2026-W06), so the weekly summaries of W10 and"
            + " W11\nstay as the good samples make them.\n\n");
    table(readme, inFolder(written, "tricky/"));
    readme.append("\n## bad/: must be rejected, recorded, and the run must go on\n\n");
    readme.append(
        "A part of an input that is rejected never takes the readable reports of the input with"
            + " it:\nthose are stored, and the input is recorded as partial.\n\n");
    table(readme, inFolder(written, "bad/"));
    readme.append("\n## failure/: DMARC failure reports (RFC 6591 ARF, RFC 9991)\n\n");
    readme.append(
        "Dated 2026-03-10 to 03-13 (week 2026-W11), from receivers under example.net/example.com."
            + " Each\nyields one failure report; the returned message's From domain, Subject and"
            + " Message-ID are kept.\n\n");
    table(readme, inFolder(written, "failure/"));
    readme.append("\n## tls/: SMTP TLS reports (RFC 8460)\n\n");
    readme.append(
        "Dated 2026-03-09 to 03-13 (week 2026-W11). example.com publishes MTA-STS (mode enforce,"
            + " mx1/mx2),\nexample.org MTA-STS in testing mode and DANE for mx.example.org,"
            + " example.net neither.\n\n");
    table(readme, inFolder(written, "tls/"));
    ReportTotals all =
        written.stream()
            .filter(w -> w.sample().stores())
            .map(WriteSamples.WrittenSample::totals)
            .reduce(ReportTotals.NONE, ReportTotals::plus);
    readme.append("\nTogether, everything an import stores: ").append(together(all)).append(".\n");
    TlsTotals tls = all.tls();
    if (tls.reports() > 0) {
      readme.append(
          String.format(
              Locale.ROOT,
              "The %s hold %s and %,d sessions, %,d of them failed (%s).\n",
              plural(tls.reports(), "SMTP TLS report"),
              plural(tls.policies(), "policy"),
              tls.sessions(),
              tls.failedSessions(),
              plural(tls.failureDetails(), "failure detail")));
    }
    return readme.toString();
  }

  /**
   * All reports, then the kinds as the import tally shows them when there are failure or TLS
   * reports; records and messages are the aggregate reports'.
   */
  private static String together(ReportTotals all) {
    if (all.allReports() == all.reports()) {
      return counts(all);
    }
    return String.format(
        Locale.ROOT,
        "%,d reports (%,d aggregate, %,d failure, %,d SMTP TLS) / %s / %s",
        all.allReports(),
        all.reports(),
        all.failureReports(),
        all.tls().reports(),
        plural(all.records(), "record"),
        plural(all.messages(), "message"));
  }

  /** What an import stores from a file, kind by kind. */
  private static String yields(ReportTotals totals) {
    List<String> kinds = new ArrayList<>();
    if (totals.reports() > 0 || totals.allReports() == 0) {
      kinds.add("imported: " + counts(totals));
    }
    if (totals.failureReports() > 0) {
      kinds.add(
          totals.failureReports() == 1
              ? "stored as a failure report"
              : "stored as " + plural(totals.failureReports(), "failure report"));
    }
    TlsTotals tls = totals.tls();
    if (tls.reports() > 0) {
      kinds.add(
          String.format(
              Locale.ROOT,
              "stored as %s, %s, %s, %s",
              tls.reports() == 1 ? "an SMTP TLS report" : plural(tls.reports(), "SMTP TLS report"),
              plural(tls.policies(), "policy"),
              plural(tls.sessions(), "session"),
              tls.failedSessions() == 0
                  ? "none failed"
                  : String.format(
                      Locale.ROOT,
                      "%,d failed (%s)",
                      tls.failedSessions(),
                      plural(tls.failureDetails(), "failure detail"))));
    }
    return String.join("; ", kinds);
  }

  /** The samples directly in {@code folder} ("" for the top level). */
  private static List<WriteSamples.WrittenSample> inFolder(
      List<WriteSamples.WrittenSample> written, String folder) {
    return written.stream()
        .filter(w -> w.sample().file().startsWith(folder))
        .filter(w -> w.sample().file().indexOf('/', folder.length()) < 0)
        .toList();
  }

  private static void table(StringBuilder readme, List<WriteSamples.WrittenSample> rows) {
    readme.append("| file | what it shows | expected outcome |\n|---|---|---|\n");
    for (WriteSamples.WrittenSample row : rows) {
      Sample sample = row.sample();
      String outcome =
          switch (sample.expected()) {
            case IMPORTED -> yields(row.totals());
            case PARTIAL ->
                "partial: " + counts(row.totals()) + " imported; rejected: " + sample.rejection();
            case REJECTED -> "rejected: " + sample.rejection();
          };
      readme
          .append("| `")
          .append(sample.file())
          .append("` | ")
          .append(sample.shows())
          .append(" | ")
          .append(outcome)
          .append(" |\n");
    }
  }

  /** Aggregate reports, records and messages. */
  private static String counts(ReportTotals totals) {
    return String.join(
        " / ",
        plural(totals.reports(), "report"),
        plural(totals.records(), "record"),
        plural(totals.messages(), "message"));
  }

  private static String plural(long count, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? noun : plural);
  }
}
