package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MainTest {
  private static final String REPORT =
      """
      <?xml version="1.0"?>
      <feedback>
        <report_metadata><org_name>Yahoo</org_name><email>dmarc@yahoo.com</email>
          <report_id>%s</report_id>
          <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
        </report_metadata>
        <policy_published><domain>example.org</domain><p>reject</p></policy_published>
        <record><row><source_ip>198.51.100.7</source_ip><count>%d</count>
          <policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf>
          </policy_evaluated></row>
          <identifiers><header_from>example.org</header_from></identifiers>
          <auth_results><spf><domain>example.org</domain><result>fail</result></spf></auth_results>
        </record>
      </feedback>
      """;

  private final TestDatabase database;
  @TempDir Path work;
  private Map<String, String> env;

  MainTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void pointAtTestDatabase() throws Exception {
    env = database.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    CommandLineRun.run(env, "sql", "--write", "TRUNCATE inputs CASCADE");
  }

  @Test
  void help_lists_the_commands_and_the_exit_codes() {
    CommandLineRun run = CommandLineRun.run(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("import", "reparse", "db", "sql", "--db=URL", "PUERTO_DB_URL")
        .contains("1   some input or report was rejected")
        .contains("3   database unavailable");
  }

  @Test
  void a_usage_error_exits_2() {
    CommandLineRun run = CommandLineRun.run(env, "import");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'PATH'");
  }

  @Test
  void zero_jobs_is_a_usage_error() throws Exception {
    Path report = Files.writeString(work.resolve("j.xml"), REPORT.formatted("id-j", 1));

    CommandLineRun run = CommandLineRun.run(env, "import", "--jobs", "0", report.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--jobs", "must be a whole number from 1 to 64")
        .contains("try 'puerto import --help'");
  }

  @Test
  void a_path_that_does_not_exist_is_a_usage_error() {
    CommandLineRun run = CommandLineRun.run(env, "import", work.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot import", "missing", "no such file or directory");
  }

  @Test
  void an_unreachable_database_exits_3_with_what_to_check_and_no_password() throws Exception {
    Path passwordFile = Files.writeString(work.resolve("pw"), "top-secret-pw\n");

    CommandLineRun run =
        CommandLineRun.run(
            Map.of(),
            "--db",
            "jdbc:postgresql://127.0.0.1:1/puerto?connectTimeout=2",
            "--db-user",
            "postmaster",
            "--db-password-file",
            passwordFile.toString(),
            "sql",
            "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("cannot connect to jdbc:postgresql://127.0.0.1:1/puerto")
        .contains("PUERTO_DB_URL")
        .doesNotContain("top-secret-pw")
        .doesNotContain("Exception");
  }

  @Test
  void import_prints_the_tally_and_exits_0_when_everything_was_imported() throws Exception {
    Path dir = Files.createDirectories(work.resolve("in"));
    Files.writeString(dir.resolve("a.xml"), REPORT.formatted("id-a", 3));
    Files.write(dir.resolve("b.bin"), gzip(REPORT.formatted("id-b", 4)));

    CommandLineRun run = CommandLineRun.run(env, "import", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("inputs seen\\s+2")
        .containsPattern("reports imported\\s+2")
        .containsPattern("duplicates\\s+0")
        .containsPattern("rejected\\s+0")
        .containsPattern("records\\s+2")
        .containsPattern("messages\\s+7");
  }

  @Test
  void importing_again_skips_known_inputs_and_counts_known_reports_as_duplicates()
      throws Exception {
    Path first = Files.writeString(work.resolve("first.xml"), REPORT.formatted("id-c", 3));
    Path sameReportOtherBytes =
        Files.writeString(work.resolve("copy.xml"), " " + REPORT.formatted("id-c", 3));
    CommandLineRun.run(env, "import", first.toString());

    CommandLineRun run =
        CommandLineRun.run(env, "import", first.toString(), sameReportOtherBytes.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("inputs seen\\s+2\\s+\\(1 seen before, skipped by hash\\)")
        .containsPattern("reports imported\\s+0")
        .containsPattern("duplicates\\s+1");
  }

  @Test
  void a_rejected_input_is_named_with_its_reason_and_the_rest_is_imported() throws Exception {
    Path dir = Files.createDirectories(work.resolve("mixed"));
    Files.writeString(dir.resolve("good.xml"), REPORT.formatted("id-d", 2));
    Files.writeString(dir.resolve("not-a-report.xml"), "<html><body>hello</body></html>");

    CommandLineRun run = CommandLineRun.run(env, "import", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("reports imported\\s+1")
        .containsPattern("rejected\\s+1")
        .contains("not-a-report.xml")
        .contains("<html>");
    CommandLineRun inputs =
        CommandLineRun.run(env, "sql", "SELECT status, error FROM dmarc_inputs ORDER BY id");
    assertThat(inputs.out()).contains("imported", "rejected", "not-a-report.xml");
  }

  @Test
  void stdin_is_imported_with_a_dash() {
    CommandLineRun run =
        CommandLineRun.runWithInput(
            env,
            new ByteArrayInputStream(REPORT.formatted("id-e", 9).getBytes(StandardCharsets.UTF_8)),
            "import",
            "-");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("messages\\s+9");
    assertThat(CommandLineRun.run(env, "sql", "SELECT origin_kind FROM dmarc_inputs").out())
        .contains("stdin");
  }

  @Test
  void sql_prints_an_aligned_table() throws Exception {
    CommandLineRun.run(
        env,
        "import",
        Files.writeString(work.resolve("r.xml"), REPORT.formatted("id-f", 5)).toString());

    CommandLineRun run =
        CommandLineRun.run(
            env,
            "sql",
            "SELECT policy_domain, source_ip, message_count, dmarc_pass FROM dmarc_records");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("\\|policy_domain\\|source_ip\\s*\\|message_count\\|dmarc_pass\\|"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "\\|example\\.org\\s*\\|198\\.51\\.100\\.7\\s*\\|\\s*5\\|false\\s*\\|"))
        .contains("(1 row)");
  }

  @Test
  void a_bad_sql_statement_is_a_usage_error_with_the_server_message() {
    CommandLineRun run = CommandLineRun.run(env, "sql", "SELECT nope FROM dmarc_reports");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("SQL error").contains("nope");
  }

  @Test
  void db_url_prints_the_jdbc_url_and_a_psql_command_without_the_password() throws Exception {
    Path passwordFile = Files.writeString(work.resolve("db-pw"), "another-secret\n");
    Map<String, String> withPasswordFile = new HashMap<>(env);
    withPasswordFile.remove("PUERTO_DB_PASSWORD");

    CommandLineRun run =
        CommandLineRun.run(
            withPasswordFile, "--db-password-file", passwordFile.toString(), "db", "url");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(database.url().replaceAll("password=[^&]*", "password=***"));
    assertThat(run.out()).contains("psql \"postgresql://");
    assertThat(run.out() + run.err()).doesNotContain("another-secret");
  }

  @Test
  void the_config_file_takes_the_environment_keys_and_the_environment_wins() throws Exception {
    Path config = work.resolve("puerto.conf");
    Files.writeString(config, "PUERTO_DB_URL=" + database.url() + "\n");
    Map<String, String> onlyFile = new HashMap<>(env);
    onlyFile.remove("PUERTO_DB_URL");

    assertThat(CommandLineRun.run(onlyFile, "--config", config.toString(), "db", "migrate").out())
        .containsPattern("is at version \\d+");

    Map<String, String> envWins = new HashMap<>(env);
    envWins.put("PUERTO_DB_URL", "jdbc:postgresql://127.0.0.1:1/x?connectTimeout=1");
    assertThat(
            CommandLineRun.run(envWins, "--config", config.toString(), "db", "migrate").exitCode())
        .isEqualTo(3);
  }

  @Test
  void reparse_reads_the_stored_raw_bytes_again() throws Exception {
    Path bad = Files.writeString(work.resolve("bad.xml"), "<feedback><report_metadata>");
    CommandLineRun.run(env, "import", bad.toString());
    Files.delete(bad);

    CommandLineRun run = CommandLineRun.run(env, "reparse");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("inputs seen\\s+1").contains("bad.xml");
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
