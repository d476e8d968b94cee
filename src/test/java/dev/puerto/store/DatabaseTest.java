package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DatabaseTest {
  private final TestDatabase testDatabase;

  DatabaseTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @Test
  void opening_migrates_the_schema_to_the_latest_version() throws Exception {
    try (Database database = testDatabase.open()) {
      assertThat(database.schemaVersion()).isEqualTo(newestMigrationVersion());
      assertThat(database.embedded()).isFalse();
    }
  }

  @Test
  void an_import_commits_without_waiting_for_the_disk_but_finishes_each_input_durably()
      throws Exception {
    try (Database plain = testDatabase.open();
        Database importing = Database.openForImport(testDatabase.settings())) {
      assertThat(plain.dsl().fetchSingle("SHOW synchronous_commit").get(0, String.class))
          .isEqualTo("on");
      assertThat(importing.dsl().fetchSingle("SHOW synchronous_commit").get(0, String.class))
          .isEqualTo("off");
      ReportStore store = new ReportStore(importing);
      long input =
          store
              .registerInput(
                  new dev.puerto.source.Origin(dev.puerto.source.Origin.Kind.FILE, "durable"),
                  dev.puerto.testing.RawBytes.of(new byte[] {1, 2, 3}))
              .id();
      // the finish's own transaction waits; a statement after it is back to off
      store.finishInput(input, dev.puerto.schema.InputStatus.REJECTED, 0, "test");
      assertThat(importing.dsl().fetchSingle("SHOW synchronous_commit").get(0, String.class))
          .isEqualTo("off");
    }
  }

  @Test
  void the_contract_views_have_the_documented_columns_and_types() throws Exception {
    try (Database database = testDatabase.open()) {
      assertThat(columnTypes(database.dsl(), "dmarc_reports"))
          .containsAllEntriesOf(
              Map.ofEntries(
                  Map.entry("org_name", "text"),
                  Map.entry("report_id", "text"),
                  Map.entry("policy_domain", "text"),
                  Map.entry("begin_at", "timestamp with time zone"),
                  Map.entry("end_at", "timestamp with time zone"),
                  Map.entry("record_count", "integer"),
                  Map.entry("message_count", "bigint"),
                  Map.entry("adkim", "text"),
                  Map.entry("aspf", "text"),
                  Map.entry("p", "text"),
                  Map.entry("sp", "text"),
                  Map.entry("pct", "integer"),
                  Map.entry("np", "text"),
                  Map.entry("fo", "text")));
      assertThat(columnTypes(database.dsl(), "dmarc_records"))
          .containsAllEntriesOf(
              Map.ofEntries(
                  Map.entry("org_name", "text"),
                  Map.entry("report_id", "text"),
                  Map.entry("policy_domain", "text"),
                  Map.entry("begin_at", "timestamp with time zone"),
                  Map.entry("end_at", "timestamp with time zone"),
                  Map.entry("source_ip", "inet"),
                  Map.entry("message_count", "bigint"),
                  Map.entry("disposition", "text"),
                  Map.entry("dkim_result", "text"),
                  Map.entry("spf_result", "text"),
                  Map.entry("header_from", "text"),
                  Map.entry("envelope_from", "text"),
                  Map.entry("envelope_to", "text"),
                  Map.entry("dmarc_pass", "boolean"),
                  Map.entry("dkim_aligned_pass", "boolean"),
                  Map.entry("spf_aligned_pass", "boolean")));
    }
  }

  @Test
  void every_table_and_column_a_user_queries_is_commented() throws Exception {
    try (Database database = testDatabase.open()) {
      List<String> uncommented =
          database
              .dsl()
              .fetch(
                  """
                  SELECT c.relname || coalesce('.' || a.attname, '') AS name
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                  LEFT JOIN pg_attribute a
                         ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                        AND col_description(c.oid, a.attnum) IS NULL
                  WHERE c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
                    AND c.relname <> 'flyway_schema_history'
                    AND (a.attname IS NOT NULL OR obj_description(c.oid, 'pg_class') IS NULL)
                  """)
              .getValues(0, String.class);
      assertThat(uncommented).isEmpty();
    }
  }

  @Test
  void an_unreachable_server_is_reported_without_the_password() {
    DatabaseSettings settings =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2&password=hunter2",
            "someone",
            "s3cret-password",
            Path.of("unused"));

    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/nothing")
        .hasMessageContaining("PUERTO_DB_URL")
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret");
              assertThat(String.valueOf(e.getCause())).doesNotContain("s3cret");
            });
  }

  @Test
  void urls_shown_to_people_have_their_passwords_masked() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/x?user=a&password=secret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/x?user=a&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:postgresql://alice:secret@db/x"))
        .isEqualTo("jdbc:postgresql://alice:***@db/x");
  }

  /** The highest V<n>__ in db/migration, the version a fresh database must reach. */
  static String newestMigrationVersion() throws Exception {
    try (var files = java.nio.file.Files.list(Path.of("db", "migration"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max(Integer::compare)
          .map(String::valueOf)
          .orElseThrow();
    }
  }

  private static Map<String, String> columnTypes(DSLContext dsl, String view) {
    return dsl.fetch(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = ?",
            view)
        .intoMap(r -> r.get(0, String.class), r -> r.get(1, String.class));
  }
}
