package dev.puerto.generate;

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
    ReportTotals all =
        written.stream()
            .filter(w -> w.sample().stores())
            .map(WriteSamples.WrittenSample::totals)
            .reduce(ReportTotals.NONE, ReportTotals::plus);
    readme.append("\nTogether, everything an import stores: ").append(counts(all)).append(".\n");
    return readme.toString();
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
            case IMPORTED -> "imported: " + counts(row.totals());
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

  private static String counts(ReportTotals totals) {
    return String.format(
        Locale.ROOT,
        "%d report%s / %d record%s / %,d message%s",
        totals.reports(),
        totals.reports() == 1 ? "" : "s",
        totals.records(),
        totals.records() == 1 ? "" : "s",
        totals.messages(),
        totals.messages() == 1 ? "" : "s");
  }
}
