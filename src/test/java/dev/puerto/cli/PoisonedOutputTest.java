package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.testing.TestMailServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reporter-controlled text with terminal control sequences, printed by real {@code puerto}
 * processes (stdout, stderr and log lines, with the logging configuration that ships): it arrives
 * escaped, and the progress bar still moves.
 */
@ExtendWith(PostgresExtension.class)
class PoisonedOutputTest {
  private final TestDatabase testDatabase;
  @TempDir Path work;
  private Map<String, String> env;

  PoisonedOutputTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void emptyDatabase() {
    env = testDatabase.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    CommandLineRun run = CommandLineRun.run(env, "sql", "--write", "TRUNCATE inputs CASCADE");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  /** A report to import, one rejected for its source IP, and one in a zip under a bad name. */
  private Path poisonedInputs() throws IOException {
    Path dir = Files.createDirectories(work.resolve("in"));
    Files.writeString(dir.resolve("report.xml"), PoisonedReports.report("id-1"));
    Files.writeString(dir.resolve("bad\u001b]0;file\u0007.xml"), PoisonedReports.rejected("id-2"));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("inner\u001b[2J\u202e.xml"));
      out.write("<feedback><report_metadata>".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.write(dir.resolve("archive.zip"), zip.toByteArray());
    return dir;
  }

  @Test
  void import_prints_file_names_archive_entries_and_rejection_reasons_escaped() throws Exception {
    Path inputs = poisonedInputs();
    Path log = work.resolve("import.log");

    Process puerto =
        PuertoProcess.startWithProductionLogging(env, log, "import", inputs.toString());

    assertThat(puerto.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(puerto.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .containsPattern("reports imported +1")
        // Names and values are cleaned where they are read (controls become U+FFFD); what
        // remains, such as a right-to-left override, is escaped when printed.
        .contains("bad\uFFFD]0;file\uFFFD.xml: record 1: <source_ip> is not an IPv4 or IPv6")
        .contains("\"198.51.100.\uFFFD]0;pwned\uFFFD\uFFFD[2J\uFFFD31m\\u202eevil\"")
        .contains("archive.zip!inner\uFFFD[2J\\u202e.xml: ");
    assertThat(PoisonedReports.hasRawControls(output)).as(output).isFalse();
  }

  @Test
  void sql_prints_stored_values_escaped() throws Exception {
    Path report = Files.writeString(work.resolve("r.xml"), PoisonedReports.report("id-3"));
    assertThat(CommandLineRun.run(env, "import", report.toString()).exitCode()).isZero();
    // Stored by Puerto with U+FFFD for controls; put them back, as another tool could have.
    CommandLineRun poison =
        CommandLineRun.run(
            env,
            "sql",
            "--write",
            "UPDATE reports SET org_name = 'Evil Org' || "
                + PoisonedReports.sqlLiteral(PoisonedReports.POISON)
                + ", report_id = 'id-3' || "
                + PoisonedReports.sqlLiteral(PoisonedReports.POISON));
    assertThat(poison.exitCode()).as(poison.err()).isZero();
    Path log = work.resolve("sql.log");

    Process puerto =
        PuertoProcess.startWithProductionLogging(
            env, log, "sql", "SELECT org_name, report_id FROM reports");

    assertThat(puerto.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(puerto.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "|Evil Org\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eevil"
                + "|id-3\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eevil|");
    assertThat(PoisonedReports.hasRawControls(output)).isFalse();
  }

  @Test
  void log_lines_quoting_a_message_id_and_a_rejection_are_escaped() throws Exception {
    try (TestMailServer mail = TestMailServer.start()) {
      mail.deliver(poisonedMail());
      Map<String, String> withMail = new HashMap<>(env);
      withMail.putAll(mail.environment());
      Path log = work.resolve("fetch.log");

      Process puerto = PuertoProcess.startWithProductionLogging(withMail, log, "fetch");

      assertThat(puerto.waitFor(2, TimeUnit.MINUTES)).isTrue();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(puerto.exitValue()).as(output).isEqualTo(1);
      String logLine =
          output
              .lines()
              .filter(line -> line.contains(" INFO  INBOX UID 1 "))
              .findFirst()
              .orElseThrow(() -> new AssertionError(output));
      assertThat(logLine)
          .contains("<id\\x1b]0;msgid\\x07@evil.example>")
          .contains("1 rejected (")
          .contains("evil\uFFFD]0;att\uFFFD\\u202e.xml: ")
          .endsWith("-> Archive/Invalid");
      assertThat(PoisonedReports.hasRawControls(output)).as(output).isFalse();
    }
  }

  private static byte[] poisonedMail() {
    String mail =
        String.join(
            "\r\n",
            "From: dmarc@evil.example",
            "To: " + TestMailServer.USER,
            "Subject: Report Domain: example.org",
            "Message-ID: <id\u001b]0;msgid\u0007@evil.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "report attached",
            "--b",
            "Content-Type: application/xml",
            "Content-Disposition: attachment;"
                + " filename*=utf-8''evil%1B%5D0%3Batt%07%E2%80%AE.xml",
            "",
            "<feedback><report_metadata>",
            "--b--",
            "");
    return mail.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void on_a_terminal_the_progress_bar_is_drawn_and_table_cells_are_cut() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) for a pty");
    Path inputs = poisonedInputs();

    String imported = onTerminal("import", inputs.toString());
    String table = onTerminal("sql", "SELECT repeat('x', 200) AS long_value");

    // \r returns to the start of the line to redraw the bar; the rest stays escaped.
    assertThat(imported).containsPattern("\r\\[#{30}\\] 3/3 inputs");
    assertThat(imported).contains("bad\uFFFD]0;file\uFFFD.xml");
    assertThat(imported.replace("\r", "")).doesNotContain("\u001b", "\u0007", "\u202e");
    assertThat(table)
        .contains("|" + "x".repeat(SqlCommand.TERMINAL_CELL_WIDTH - 3) + "...|")
        .doesNotContain("x".repeat(SqlCommand.TERMINAL_CELL_WIDTH + 1));
  }

  /** Runs puerto under script(1), which gives it a pseudo-terminal for stdin, stdout and stderr. */
  private String onTerminal(String... args) throws Exception {
    String command =
        PuertoProcess.command(List.of(), args).stream()
            .map(word -> "'" + word.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    Path log = work.resolve("terminal.log");
    ProcessBuilder builder =
        new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", command, "/dev/null")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process script = builder.start();
    script.getOutputStream().close();
    assertThat(script.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
