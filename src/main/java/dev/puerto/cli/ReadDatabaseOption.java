package dev.puerto.cli;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseUnavailableException;
import picocli.CommandLine.Option;

/**
 * {@code --read-db URL}: the server a command's reads go to, typically a hot standby of the primary
 * (--db), so that reading does not load the server imports write to. Writes always go to the
 * primary. A mixin, so that every command that reads takes the same option, variable and key
 * ({@code PUERTO_READ_DB_URL}): summary, analyze, sql and serve.
 *
 * <p>The user, password and timeouts are the primary's (--db-user, --db-password-file, ...) unless
 * the URL carries its own; see {@link Main#readDatabaseSettings}.
 */
final class ReadDatabaseOption {
  @Option(
      names = "--read-db",
      paramLabel = "URL",
      description =
          "read from this PostgreSQL server, e.g. a hot standby of --db, in read-only sessions;"
              + " writes still go to --db. Its schema must be current (Puerto migrates only --db)."
              + " Same user and password as --db unless the URL has its own. One option for every"
              + " command that reads (summary, analyze, sql and serve) (env"
              + " PUERTO_READ_DB_URL; default: read from --db)")
  String url;

  /** The database reads go to: the --read-db server, read-only, or else the primary. */
  Database openForReads(Main main) throws ConfigException, DatabaseUnavailableException {
    var settings = main.readDatabaseSettings(url);
    return settings.isPresent() ? Database.openReadOnly(settings.get()) : main.openDatabase();
  }

  /**
   * The dashboard's database: the --read-db server, or the primary (migrated first), in read-only
   * sessions either way.
   */
  Database openReadOnly(Main main) throws ConfigException, DatabaseUnavailableException {
    var settings = main.readDatabaseSettings(url);
    return settings.isPresent()
        ? Database.openReadOnly(settings.get())
        : Database.openReadOnlyPrimary(main.databaseSettings());
  }

  /** The primary for writes and, with --read-db, the read server for reads. */
  Databases openWithPrimary(Main main) throws ConfigException, DatabaseUnavailableException {
    var settings = main.readDatabaseSettings(url);
    Database primary = main.openDatabase();
    if (settings.isEmpty()) {
      return new Databases(primary, primary);
    }
    try {
      return new Databases(Database.openReadOnly(settings.get()), primary);
    } catch (DatabaseUnavailableException | RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  /** Where reads and writes go; the same database when there is no --read-db. */
  record Databases(Database reads, Database writes) implements AutoCloseable {
    @Override
    public void close() {
      try {
        if (reads != writes) {
          reads.close();
        }
      } finally {
        writes.close();
      }
    }
  }
}
