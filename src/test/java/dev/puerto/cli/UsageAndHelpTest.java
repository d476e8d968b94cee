package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage errors are one line and a hint, enum values are lower case, numbers are checked before any
 * database is contacted, and help wraps only at spaces. No database is needed: every command that
 * gets past parsing points at a port where nothing listens, so reaching it would exit 3.
 */
class UsageAndHelpTest {
  private static final Map<String, String> NO_DATABASE =
      Map.of("PUERTO_DB_URL", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");

  private static CommandLineRun puerto(String... args) {
    return CommandLineRun.run(NO_DATABASE, args);
  }

  @Test
  void an_unknown_option_is_one_line_with_a_suggestion_and_a_hint() {
    CommandLineRun run = puerto("summary", "--formt", "json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .containsExactly(
            "puerto: Unknown options: '--formt', 'json' (did you mean --format?)",
            "try 'puerto summary --help'");
  }

  @Test
  void an_unknown_command_and_a_missing_one_name_the_commands() {
    assertThat(puerto("imprt", "x").err().lines())
        .containsExactly(
            "puerto: unknown command 'imprt' (did you mean import or imap or prune?)",
            "try 'puerto --help'");
    CommandLineRun none = puerto();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().lines())
        .containsExactly(
            "puerto: missing command (one of import, fetch, watch, imap, reparse, prune, db, sql,"
                + " summary, alerts, analyze, check, serve, help)",
            "try 'puerto --help'");
    assertThat(puerto("db").err())
        .startsWith("puerto: missing command (one of url, migrate, serve)");
  }

  @Test
  void a_missing_parameter_does_not_print_the_usage() {
    CommandLineRun run = puerto("import");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "puerto: Missing required parameter: 'PATH'", "try 'puerto import --help'");
  }

  @Test
  void enum_values_are_listed_in_lower_case_and_accepted_in_any_case() {
    CommandLineRun wrong = puerto("reparse", "--status", "rejected,bogus");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err())
        .contains(
            "puerto: Invalid value for option '--status' (STATUS): expected one of pending,"
                + " imported, duplicate, rejected, partial, not 'bogus'")
        .doesNotContain("REJECTED");
    assertThat(puerto("sql", "--format", "xml", "SELECT 1").err())
        .contains("expected one of table, csv, tsv, json, not 'xml'");
    assertThat(puerto("summary", "--format", "Text", "--smtp-security", "bogus").err())
        .contains("expected one of smtps, starttls, plain, not 'bogus'");

    // Accepted values get past parsing to the (absent) database: exit 3.
    assertThat(puerto("reparse", "--status", "rejected,partial").exitCode()).isEqualTo(3);
    assertThat(puerto("reparse", "--status", "REJECTED,Partial").exitCode()).isEqualTo(3);
    assertThat(puerto("sql", "--format", "csv", "SELECT 1").exitCode()).isEqualTo(3);
    assertThat(puerto("summary", "--format", "HTML").exitCode()).isEqualTo(3);
  }

  @Test
  void help_shows_enum_values_and_defaults_in_lower_case() {
    String help = puerto("reparse", "--help").out();

    assertThat(help.replaceAll("\\s+", " "))
        .contains("(default: rejected, partial, pending); any of pending, imported, duplicate,")
        .doesNotContain("REJECTED", "PENDING");
  }

  @ParameterizedTest
  @MethodSource("outOfBounds")
  void numbers_out_of_bounds_are_usage_errors_before_the_database_starts(
      String option, String bound, List<String> args) {
    CommandLineRun run = puerto(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("puerto: Invalid value for option '" + option + "'")
        .contains("must be a whole number " + bound)
        .doesNotContain("cannot connect");
    assertThat(run.err().lines()).hasSize(2);
  }

  static Stream<Object[]> outOfBounds() {
    return Stream.of(
        new Object[] {"--jobs", "from 1 to 64, not '0'", List.of("import", "--jobs", "0", "x")},
        new Object[] {"--jobs", "from 1 to 64, not '65'", List.of("reparse", "-j", "65")},
        new Object[] {"--jobs", "from 1 to 64, not 'many'", List.of("import", "-j", "many", "x")},
        new Object[] {
          "--dns-timeout",
          "from 1 to 60000, not '0'",
          List.of("check", "example.com", "--dns-timeout", "0")
        },
        new Object[] {
          "--dns-concurrency",
          "from 1 to 1024, not '0'",
          List.of("analyze", "--dns-concurrency", "0")
        },
        new Object[] {
          "--smtp-port",
          "from 1 to 65535, not '70000'",
          List.of("summary", "--mail-to", "a@example.com", "--smtp-port", "70000")
        });
  }

  @Test
  void smtp_port_from_the_environment_is_checked_too() {
    CommandLineRun run =
        CommandLineRun.run(
            Map.of(
                "PUERTO_DB_URL", NO_DATABASE.get("PUERTO_DB_URL"),
                "PUERTO_SMTP_HOST", "smtp.example.com",
                "PUERTO_MAIL_FROM", "puerto@example.com",
                "PUERTO_SMTP_PORT", "0"),
            "summary",
            "--mail-to",
            "a@example.com");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PUERTO_SMTP_PORT must be a whole number from 1 to 65535");
  }

  /** Every command's help, as {@code puerto [COMMAND...] --help} arguments. */
  static Stream<List<String>> helpPages() {
    List<List<String>> pages = new ArrayList<>();
    pages.add(List.of("--help"));
    for (String command :
        List.of(
            "import", "fetch", "watch", "reparse", "sql", "summary", "analyze", "check", "db")) {
      pages.add(List.of(command, "--help"));
    }
    for (String command : List.of("url", "migrate", "serve")) {
      pages.add(List.of("db", command, "--help"));
    }
    pages.add(List.of("help", "import"));
    return pages.stream();
  }

  @ParameterizedTest
  @MethodSource("helpPages")
  void help_fits_the_width_and_breaks_lines_only_between_words(List<String> args) {
    String wide = help(200, args);
    for (int width : new int[] {80, 55}) {
      String narrow = help(width, args);

      assertThat(narrow.lines())
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
      // Wrapping at spaces only: the same words, none split, as when nothing wraps.
      assertThat(words(narrow)).as("width %d", width).isEqualTo(words(wide));
      assertThat(narrow).doesNotContainPattern("[\u0100-\u017f]");
    }
  }

  @Test
  void values_in_help_stay_whole_at_any_width() {
    for (int width : new int[] {80, 60, 55}) {
      assertThat(help(width, List.of("--help")))
          .contains("~/.config/puerto/puerto.conf", "~/.local/share/puerto");
      assertThat(help(width, List.of("check", "--help")))
          .contains("--dns-server=HOST[:PORT]", "zen.spamhaus.org,", "psbl.surriel.com;");
    }
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  private static String help(int width, List<String> args) {
    String previous = System.getProperty("picocli.usage.width");
    System.setProperty("picocli.usage.width", Integer.toString(width));
    try {
      CommandLineRun run = puerto(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isZero();
      return run.out();
    } finally {
      if (previous == null) {
        System.clearProperty("picocli.usage.width");
      } else {
        System.setProperty("picocli.usage.width", previous);
      }
    }
  }
}
