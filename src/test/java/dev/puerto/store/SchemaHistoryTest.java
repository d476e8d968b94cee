package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Opening a database skips Flyway only when the history says the schema is exactly current. */
@ExtendWith(PostgresExtension.class)
class SchemaHistoryTest {
  private final TestDatabase testDatabase;

  SchemaHistoryTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  /** The class shares one database; each case starts from an empty one. */
  @BeforeEach
  void empty_database() throws Exception {
    try (Connection connection = connect()) {
      DSL.using(connection, SQLDialect.POSTGRES)
          .execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }
  }

  @Test
  void the_newest_migration_on_the_class_path_is_the_newest_file_in_db_migration()
      throws Exception {
    assertThat(SchemaHistory.newestMigration(getClass().getClassLoader()))
        .contains(DatabaseTest.newestMigrationVersion());
  }

  @Test
  void a_new_database_is_not_current_until_opened_once() throws Exception {
    String newest = DatabaseTest.newestMigrationVersion();
    try (Connection connection = connect()) {
      assertThat(SchemaHistory.isAt(connection, newest)).isFalse();
      assertThat(SchemaHistory.whyNotAt(connection, newest))
          .contains("it has no Puerto schema (no table flyway_schema_history)");
    }
    testDatabase.open().close();
    try (Connection connection = connect()) {
      assertThat(SchemaHistory.isAt(connection, newest)).isTrue();
    }
  }

  @Test
  void a_database_behind_the_build_is_migrated_on_open() throws Exception {
    String newest = DatabaseTest.newestMigrationVersion();
    String older = Integer.toString(Integer.parseInt(newest) - 1);
    flyway().target(older).load().migrate();
    try (Connection connection = connect()) {
      assertThat(SchemaHistory.isAt(connection, newest)).isFalse();
      assertThat(SchemaHistory.whyNotAt(connection, newest))
          .contains(
              "its schema is at version "
                  + older
                  + ", behind the version "
                  + newest
                  + " this Puerto needs");
    }
    try (Database database = testDatabase.open()) {
      assertThat(database.schemaVersion()).isEqualTo(newest);
    }
  }

  @Test
  void a_failed_migration_in_the_history_leaves_the_decision_to_flyway() throws Exception {
    String newest = DatabaseTest.newestMigrationVersion();
    testDatabase.open().close();
    try (Connection connection = connect()) {
      DSL.using(connection, SQLDialect.POSTGRES)
          .execute(
              "UPDATE flyway_schema_history SET success = false WHERE installed_rank = "
                  + "(SELECT min(installed_rank) FROM flyway_schema_history)");
      assertThat(SchemaHistory.isAt(connection, newest)).isFalse();
      assertThat(SchemaHistory.whyNotAt(connection, newest)).contains("a migration failed there");
    }
  }

  @Test
  void a_schema_newer_than_the_build_is_not_taken_for_current() throws Exception {
    testDatabase.open().close();
    try (Connection connection = connect()) {
      assertThat(SchemaHistory.isAt(connection, "1")).isFalse();
      assertThat(SchemaHistory.whyNotAt(connection, "1"))
          .contains(
              "its schema is at version "
                  + DatabaseTest.newestMigrationVersion()
                  + ", newer than the version 1 this Puerto knows: upgrade Puerto");
    }
  }

  private FluentConfiguration flyway() {
    return Flyway.configure()
        .dataSource(testDatabase.url(), testDatabase.user(), testDatabase.password())
        .locations("classpath:" + SchemaHistory.LOCATION);
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        testDatabase.url(), testDatabase.user(), testDatabase.password());
  }
}
