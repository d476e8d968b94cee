package dev.puerto.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a deterministic corpus of report files: the same options give byte-identical files. Each
 * report has its own seed, so its records are generated while it is written.
 */
public final class CorpusGenerator {
  /** 2026-01-01T00:00:00Z, the first reporting day of a generated corpus. */
  static final long FIRST_DAY = 1_767_225_600L;

  private static final long DAY = 86_400;

  private final Path directory;
  private final SplittableRandom random;
  private final List<DomainPolicy> domains = CorpusDomains.all();
  private final Map<String, SenderPool> pools = new HashMap<>();
  private final Map<String, Integer> nextDay = new HashMap<>();
  private final Map<String, String> lastReportId = new HashMap<>();
  private final int reporterShares = Reporters.ALL.stream().mapToInt(Reporter::share).sum();

  public CorpusGenerator(Path directory, long seed) {
    this.directory = directory;
    this.random = new SplittableRandom(seed);
    for (DomainPolicy domain : domains) {
      pools.put(domain.domain(), SenderPool.forDomain(domain.domain(), seed));
    }
  }

  /**
   * Writes {@code reports} reports holding about {@code recordsTotal} records, mixed containers.
   */
  public List<ManifestEntry> writeCorpus(int reports, long recordsTotal) throws IOException {
    int[] recordCounts = RecordBudget.split(random, reports, recordsTotal);
    List<ManifestEntry> entries = new ArrayList<>();
    int next = 0;
    while (next < reports) {
      ContainerKind kind = ContainerKind.pick(random);
      int size =
          kind == ContainerKind.MULTI_ZIP ? Math.min(2 + random.nextInt(4), reports - next) : 1;
      List<GeneratedReport> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        batch.add(nextReport(recordCounts[next++]));
      }
      entries.add(write(kind, batch, entries.size()));
    }
    return entries;
  }

  /** One big Google report for example.com, gzipped and streamed, dated before the corpus. */
  public ManifestEntry writeSingleReport(long records) throws IOException {
    long begin = FIRST_DAY - DAY;
    String reportId = Reporters.GOOGLE.idStyle().create(random, begin);
    GeneratedReport report = report(Reporters.GOOGLE, domains.get(0), begin, reportId, records);
    return write(ContainerKind.GZIP, List.of(report), 0);
  }

  private GeneratedReport nextReport(int records) {
    Reporter reporter = pickReporter();
    DomainPolicy policy = domains.get(HeavyTail.popularIndex(random, domains.size()));
    String stream = reporter.receiverDomain() + "!" + policy.domain();
    int day = nextDay.merge(stream, 1, Integer::sum) - 1;
    String previousId = lastReportId.get(stream);
    long begin = FIRST_DAY + day * DAY;
    String reportId =
        reporter.reusesReportIds() && previousId != null && random.nextInt(100) < 5
            ? previousId
            : reporter.idStyle().create(random, begin);
    lastReportId.put(stream, reportId);
    return report(reporter, policy, begin, reportId, records);
  }

  private GeneratedReport report(
      Reporter reporter, DomainPolicy policy, long begin, String reportId, long records) {
    SenderPool pool = pools.get(policy.domain());
    long recordSeed = random.nextLong();
    XmlDialect dialect = reporter.dialect();
    Iterable<FeedbackRecord> generated =
        () -> {
          SplittableRandom recordRandom = new SplittableRandom(recordSeed);
          return Stream.generate(() -> nextRecord(pool, policy, dialect, recordRandom))
              .limit(records)
              .iterator();
        };
    ReportMetadata metadata =
        new ReportMetadata(
            reporter.orgName(),
            reporter.email(),
            reporter.extraContactInfo(),
            reportId,
            begin,
            begin + reporter.periodEndOffset(),
            dialect.isDmarcBis() ? reporter.generator() : null);
    return new GeneratedReport(
        reporter, metadata, policy.publishedIn(dialect), List.of(), generated);
  }

  private static FeedbackRecord nextRecord(
      SenderPool pool, DomainPolicy policy, XmlDialect dialect, SplittableRandom random) {
    Sender sender = pool.pick(random);
    int roll = random.nextInt(100);
    String headerFrom =
        roll < 85 ? policy.domain() : (roll < 93 ? "news." : "mail.") + policy.domain();
    long messages = sender.kind().messages(random);
    return TrafficModel.record(sender, headerFrom, policy, messages, dialect, random);
  }

  private Reporter pickReporter() {
    int roll = random.nextInt(reporterShares);
    for (Reporter reporter : Reporters.ALL) {
      roll -= reporter.share();
      if (roll < 0) {
        return reporter;
      }
    }
    throw new IllegalStateException("shares do not add up");
  }

  private ManifestEntry write(ContainerKind kind, List<GeneratedReport> batch, int fileIndex)
      throws IOException {
    GeneratedReport first = batch.get(0);
    String name;
    Payload payload;
    switch (kind) {
      case XML -> {
        name = first.fileStem() + ".xml";
        payload = Payloads.xml(first);
      }
      case GZIP -> {
        name = first.fileStem() + ".xml.gz";
        payload = ReportPackaging.compressed(first, Compression.GZIP);
      }
      case ZIP -> {
        name = first.fileStem() + ".zip";
        payload = ReportPackaging.compressed(first, Compression.ZIP);
      }
      case MULTI_ZIP -> {
        name = String.format("bundle-%06d.zip", fileIndex);
        payload = Payloads.zip(batch.stream().map(ReportPackaging::zipItem).toList());
      }
      case EMAIL -> {
        name = first.fileStem() + ".eml";
        payload = Payloads.email(ReportPackaging.email(first, random));
      }
      default -> throw new IllegalArgumentException(kind.name());
    }
    return new ManifestEntry(name, kind.label(), writeFile(directory.resolve(name), payload));
  }

  static ReportTotals writeFile(Path file, Payload payload) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      return payload.writeTo(out);
    }
  }
}
