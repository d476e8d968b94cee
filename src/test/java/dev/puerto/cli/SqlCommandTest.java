package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.store.Database;
import dev.puerto.terminal.ControlChars;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** {@code puerto sql}: one statement, read-only unless --write, and four output formats. */
@ExtendWith(PostgresExtension.class)
class SqlCommandTest {
  private static final String TRICKY = "a,b\"c\nd\te\\f\rg";

  private final TestDatabase testDatabase;
  @TempDir Path work;
  private Map<String, String> env;
  private Database database;
  private DSLContext dsl;

  SqlCommandTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void importAPoisonedReport() throws Exception {
    env = testDatabase.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    database = testDatabase.open();
    dsl = database.dsl();
    dsl.truncate(INPUTS).cascade().execute();
    Path report = Files.writeString(work.resolve("report.xml"), PoisonedReports.report("id-1"));
    CommandLineRun imported = sql("import", report.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    // Puerto stores U+FFFD for the control characters it reads; a database may hold them all the
    // same (an older Puerto, another tool), and sql must print them safely.
    dsl.update(REPORTS)
        .set(REPORTS.ORG_NAME, PoisonedReports.ORG_NAME)
        .set(REPORTS.REPORT_ID, PoisonedReports.storedReportId("id-1"))
        .execute();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private CommandLineRun sql(String... args) {
    return CommandLineRun.run(env, args);
  }

  @Test
  void a_second_statement_is_refused_before_anything_runs() {
    for (String text :
        List.of(
            "SELECT 1; DROP TABLE reports CASCADE",
            "SELECT 'a\\'; DROP TABLE reports CASCADE; --'",
            "SELECT 1;\nDELETE FROM reports")) {
      for (boolean write : new boolean[] {false, true}) {
        CommandLineRun run = write ? sql("sql", "--write", text) : sql("sql", text);

        assertThat(run.exitCode()).as(text).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
            .singleElement()
            .asString()
            .startsWith("puerto: sql takes exactly one statement, and this text has ")
            .contains("nothing was run");
      }
    }
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(1);
  }

  @Test
  void semicolons_in_strings_dollar_quotes_identifiers_and_comments_are_one_statement() {
    CommandLineRun run =
        sql(
            "sql",
            "SELECT ';' AS a, $x$;$$;$x$ AS b, 1 AS \"c;d\" /* ; */ -- ;\n FROM reports; -- done");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("|;   |;$$;|").contains("| c;d|").contains("(1 row)");
  }

  @Test
  void no_statement_is_a_usage_error() {
    CommandLineRun run = sql("sql", " ; -- nothing");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("puerto: no SQL statement given" + System.lineSeparator());
  }

  @Test
  void a_change_without_write_fails_in_one_line_and_changes_nothing() {
    for (String change :
        List.of(
            "UPDATE reports SET org_name = 'changed'",
            "WITH gone AS (DELETE FROM reports RETURNING 1) SELECT count(*) FROM gone",
            "CREATE TABLE sneaky (x int)",
            "SELECT nextval(pg_get_serial_sequence('reports', 'id'))")) {
      CommandLineRun run = sql("sql", change);

      assertThat(run.exitCode()).as(change).isEqualTo(2);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .startsWith("puerto: SQL error: ")
          .contains("read-only transaction (SQLState 25006)")
          .endsWith("puerto sql is read-only: give --write to change data, nothing was changed");
    }
    assertThat(dsl.fetchValue("SELECT org_name FROM reports")).isEqualTo(PoisonedReports.ORG_NAME);
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(1);
    assertThat(dsl.fetchValue("SELECT to_regclass('sneaky')")).isNull();
  }

  @Test
  void with_write_one_statement_changes_data_and_is_committed() {
    CommandLineRun run = sql("sql", "--write", "UPDATE reports SET org_name = 'changed'");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("(1 row changed)" + System.lineSeparator());
    assertThat(dsl.fetchValue("SELECT org_name FROM reports")).isEqualTo("changed");
  }

  @Test
  void bad_sql_is_one_line_with_the_server_message_position_and_sqlstate() {
    CommandLineRun run = sql("sql", "SELECT nope FROM dmarc_reports");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "puerto: SQL error: column \"nope\" does not exist at character 8 (SQLState 42703)");
  }

  @Test
  void table_cells_show_control_characters_new_lines_and_tabs_escaped() {
    CommandLineRun run =
        sql(
            "sql",
            "SELECT org_name, report_id, E'two\\nlines\\tand a tab' AS text, NULL AS nothing"
                + " FROM reports");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PoisonedReports.hasRawControls(run.out())).isFalse();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("\\|org_name +\\|report_id +\\|text +\\|nothing\\|");
    assertThat(lines.get(2))
        .isEqualTo(
            "|Evil Org\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eevil"
                + "|id-1\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eevil"
                + "|two\\nlines\\tand a tab|{null} |");
    assertThat(lines.get(3)).isEqualTo("(1 row)");
  }

  @Test
  void table_cells_are_not_cut_when_stdout_is_not_a_terminal() {
    CommandLineRun run = sql("sql", "SELECT repeat('x', 200) AS long_value");

    assertThat(run.out()).contains("|" + "x".repeat(200) + "|");
  }

  @Test
  void csv_is_valid_with_a_header_and_null_apart_from_empty() {
    CommandLineRun run =
        sql(
            "sql",
            "--format",
            "csv",
            "SELECT org_name, 42 AS n, NULL::text AS nothing, '' AS empty, "
                + literal(TRICKY)
                + " AS tricky FROM reports");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PoisonedReports.hasRawControls(run.out())).isFalse();
    List<List<String>> rows = Csv.parse(run.out());
    assertThat(rows)
        .containsExactly(
            List.of("org_name", "n", "nothing", "empty", "tricky"),
            List.of(
                ControlChars.escape(PoisonedReports.ORG_NAME),
                "42",
                "",
                "",
                ControlChars.escape(TRICKY)));
    assertThat(run.out()).contains(",42,,\"\",");
  }

  @Test
  void tsv_is_postgresql_copy_text_that_reads_back_to_the_same_values() throws Exception {
    CommandLineRun run =
        sql(
            "sql",
            "--format",
            "tsv",
            "SELECT org_name, report_id, NULL::text AS nothing, '' AS empty, "
                + literal(TRICKY)
                + " AS tricky FROM reports");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PoisonedReports.hasRawControls(run.out())).isFalse();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("org_name\treport_id\tnothing\tempty\ttricky");

    dsl.execute(
        "CREATE TEMPORARY TABLE copied (org_name text, report_id text, nothing text, empty"
            + " text, tricky text)");
    try (Connection connection = dsl.configuration().connectionProvider().acquire()) {
      new CopyManager(connection.unwrap(BaseConnection.class))
          .copyIn("COPY copied FROM STDIN", new StringReader(lines.get(1) + "\n"));
      var copied =
          org.jooq
              .impl
              .DSL
              .using(connection)
              .fetchSingle("SELECT org_name, report_id, nothing, empty, tricky FROM copied");
      assertThat(copied.intoList())
          .containsExactly(
              PoisonedReports.ORG_NAME, PoisonedReports.storedReportId("id-1"), null, "", TRICKY);
    }
  }

  @Test
  void json_is_an_array_of_objects_holding_the_values_unchanged() throws Exception {
    CommandLineRun run =
        sql(
            "sql",
            "--format",
            "json",
            "SELECT org_name, 42 AS n, NULL::text AS nothing, true AS yes, "
                + literal(TRICKY)
                + " AS tricky, 1 AS n FROM reports");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PoisonedReports.hasRawControls(run.out())).isFalse();
    JsonNode rows = new ObjectMapper().readTree(run.out());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.get("org_name").asText()).isEqualTo(PoisonedReports.ORG_NAME);
    assertThat(row.get("n").isNumber()).isTrue();
    assertThat(row.get("n").asInt()).isEqualTo(42);
    assertThat(row.get("nothing").isNull()).isTrue();
    assertThat(row.get("yes").asBoolean()).isTrue();
    assertThat(row.get("tricky").asText()).isEqualTo(TRICKY);
    assertThat(row.get("n_2").asInt()).isEqualTo(1);
  }

  @Test
  void a_statement_without_rows_says_so_on_stderr_in_the_data_formats() {
    CommandLineRun run = sql("sql", "--format", "json", "SET work_mem = '8MB'");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("OK (nothing changed)" + System.lineSeparator());
  }

  private static String literal(String text) {
    return "E'"
        + text.replace("\\", "\\\\")
            .replace("'", "\\'")
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "\\r")
        + "'";
  }

  /** RFC 4180, as much as the test needs: quoted fields with "" and line breaks inside. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        } else {
          field.append(c);
        }
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
      return rows;
    }
  }
}
