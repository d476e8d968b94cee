package dev.puerto.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Regenerates {@code reports-samples/} and its README: {@code WriteSamples [DIR] [BOMB_GIB]}. Every
 * file is reproducible byte for byte; the README's expected counts come from what was written.
 */
public final class WriteSamples {
  static final long COMMITTED_BOMB_BYTES = 10L << 30;

  private WriteSamples() {}

  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : "reports-samples");
    long bombBytes = args.length > 1 ? Long.parseLong(args[1]) << 30 : COMMITTED_BOMB_BYTES;
    for (WrittenSample written : write(directory, bombBytes)) {
      System.out.printf(
          Locale.ROOT,
          "%9d bytes %6.1f s  %s%n",
          Files.size(directory.resolve(written.sample().file())),
          written.seconds(),
          written.sample().file());
    }
  }

  /** A sample after writing: what it holds and how long it took. */
  record WrittenSample(Sample sample, ReportTotals totals, double seconds) {}

  public static List<Sample> samples(long bombBytes) {
    List<Sample> samples = new ArrayList<>(new GoodSamples().all());
    samples.addAll(new ReportKindSamples().all());
    samples.addAll(new TrickySamples().all());
    samples.addAll(new HostileSamples(bombBytes).all());
    return samples;
  }

  static List<WrittenSample> write(Path directory, long bombBytes) throws IOException {
    List<WrittenSample> written = new ArrayList<>();
    for (Sample sample : samples(bombBytes)) {
      long started = System.nanoTime();
      ReportTotals totals =
          CorpusGenerator.writeFile(directory.resolve(sample.file()), sample.payload());
      written.add(new WrittenSample(sample, totals, (System.nanoTime() - started) / 1e9));
    }
    Files.writeString(directory.resolve("README.md"), SamplesReadme.render(written));
    return written;
  }
}
