package dev.puerto.cli;

import dev.puerto.generate.GenerateCorpus;
import dev.puerto.generate.ReportMails;
import dev.puerto.generate.ReportMails.Mail;
import dev.puerto.testing.TestMailServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code puerto fetch} against a loopback IMAPS server (GreenMail) holding generated report
 * e-mails: wall time, messages per second and peak RSS of the fetch process, measured by {@code
 * /usr/bin/time -v} around a separate JVM. Usage:
 *
 * <pre>
 * java -cp CLASSPATH dev.puerto.cli.ImapFetchBenchmark JDBC_URL [MESSAGES ...]
 * </pre>
 *
 * The database must be a scratch one: it is emptied ({@code TRUNCATE inputs CASCADE}) before each
 * run. See docs-pending/imap.md for the figures.
 */
public final class ImapFetchBenchmark {
  private static final Pattern WALL =
      Pattern.compile(
          "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)");
  private static final Pattern RSS =
      Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final Pattern FETCH = Pattern.compile("Import finished in ([\\d.]+) s");

  private ImapFetchBenchmark() {}

  public static void main(String[] args) throws Exception {
    String db = args[0];
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes.add(1000);
    }
    Path work = Files.createTempDirectory("puerto-imap-bench");
    for (int size : sizes) {
      run(db, size, work.resolve("n" + size));
    }
    System.exit(0);
  }

  private static void run(String db, int messages, Path work) throws Exception {
    List<Mail> mails = corpus(messages, work);
    try (Connection connection = DriverManager.getConnection(db);
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE inputs CASCADE");
    } catch (java.sql.SQLException e) {
      // A database Puerto never migrated has no inputs table yet: nothing to empty.
    }
    try (TestMailServer mail = TestMailServer.start()) {
      mails.forEach(m -> mail.deliver(m.raw()));
      Path log = work.resolve("fetch.log");
      List<String> command = new ArrayList<>();
      command.add("/usr/bin/time");
      command.add("-v");
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("-Dlogback.configurationFile=logback.xml");
      command.add(Main.class.getName());
      command.add("fetch");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(mail.environment());
      builder.environment().put("PUERTO_DB_URL", db);
      int exit = builder.start().waitFor();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      double wall = wallSeconds(output);
      double fetch = group(FETCH, output);
      long rssKib = (long) group(RSS, output);
      System.out.printf(
          "messages=%d exit=%d inbox_left=%d processed=%d wall=%.1fs (%.0f msg/s) "
              + "in_fetch=%.1fs (%.0f msg/s) peak_rss=%d MiB%n",
          mails.size(),
          exit,
          mail.count("INBOX"),
          mail.count("Archive/DMARC"),
          wall,
          mails.size() / wall,
          fetch,
          mails.size() / fetch,
          rssKib / 1024);
    }
  }

  /** {@code messages} report e-mails from a generated corpus (zip, gzip, xml, e-mail mix). */
  private static List<Mail> corpus(int messages, Path work) throws Exception {
    Path directory = work.resolve("corpus");
    GenerateCorpus.main(
        new String[] {
          "--out", directory.toString(),
          "--manifest", work.resolve("manifest.tsv").toString(),
          "--reports", Integer.toString(messages * 3 / 2),
          "--records-total", Integer.toString(messages * 30),
          "--seed", "2026"
        });
    List<Mail> mails = ReportMails.fromCorpus(directory);
    if (mails.size() < messages) {
      throw new IllegalStateException("the corpus has only " + mails.size() + " files");
    }
    return mails.subList(0, messages);
  }

  private static double wallSeconds(String output) {
    Matcher matcher = WALL.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("no wall time in:\n" + output);
    }
    double hours = matcher.group(1) == null ? 0 : Double.parseDouble(matcher.group(1));
    return hours * 3600
        + Double.parseDouble(matcher.group(2)) * 60
        + Double.parseDouble(matcher.group(3));
  }

  private static double group(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException(pattern + " not found in:\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }
}
