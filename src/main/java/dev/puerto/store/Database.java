package dev.puerto.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.puerto.tools.Causes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Puerto's PostgreSQL: an external server, or the embedded one, migrated to the current schema on
 * open. Closing it stops the embedded server when this process started it.
 *
 * <p>Every connection has the timeouts of {@link DatabaseTimeouts}: a server that stops answering
 * ends the command with a {@link DatabaseUnavailableException} (on open) or a one-sentence {@link
 * DataAccessException} (later) that names the timeout and its option.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final EmbeddedServer embedded;
  private final String displayUrl;
  private final String psqlUrl;
  private final DSLContext dsl;
  private final boolean readOnly;

  private Database(
      HikariDataSource dataSource,
      EmbeddedServer embedded,
      String displayUrl,
      String psqlUrl,
      DatabaseTimeouts timeouts,
      boolean readOnly) {
    this.readOnly = readOnly;
    this.dataSource = dataSource;
    this.embedded = embedded;
    this.displayUrl = displayUrl;
    this.psqlUrl = psqlUrl;
    ConnectionFailures failures = new ConnectionFailures(displayUrl, timeouts);
    this.dsl =
        DSL.using(
            new DefaultConfiguration()
                .set(failures.connections(dataSource))
                .set(SQLDialect.POSTGRES)
                .set(new Settings().withExecuteLogging(false).withRenderSchema(false))
                .set(failures));
  }

  /** Connects (starting the embedded server if no URL is set) and migrates the schema. */
  public static Database open(DatabaseSettings settings) throws DatabaseUnavailableException {
    return open(settings, Optional.empty());
  }

  /**
   * {@link #open} for an import: its sessions commit without waiting for the disk ({@code
   * synchronous_commit=off}) except where {@link ReportStore#finishInput} records what became of an
   * input, whose commit waits and so makes everything written before it durable (PostgreSQL writes
   * its log in order). A crash can lose only inputs not finished yet, which the next run imports;
   * nothing acts on an input (an IMAP message moved, a run reported done) before its finish.
   */
  public static Database openForImport(DatabaseSettings settings)
      throws DatabaseUnavailableException {
    return open(settings, Optional.of("-c synchronous_commit=off"));
  }

  /**
   * {@link #open} for a reader of the primary, such as the dashboard: the schema is migrated as for
   * any command, then every session is read-only ({@code default_transaction_read_only}, after the
   * URL's own options), so that nothing the reader runs can change the data.
   */
  public static Database openReadOnlyPrimary(DatabaseSettings settings)
      throws DatabaseUnavailableException {
    return open(settings, Optional.of(READ_ONLY_SESSIONS));
  }

  private static final String READ_ONLY_SESSIONS = "-c default_transaction_read_only=on";

  private static Database open(DatabaseSettings settings, Optional<String> lastOptions)
      throws DatabaseUnavailableException {
    EmbeddedServer embedded =
        settings.embedded() ? EmbeddedServer.startOrAttach(settings.home()) : null;
    String url = embedded != null ? embedded.jdbcUrl() : settings.url();
    String user = embedded != null ? EmbeddedServer.USER : settings.user();
    String password = embedded != null ? embedded.password() : settings.password();
    boolean readOnly = lastOptions.filter(READ_ONLY_SESSIONS::equals).isPresent();
    HikariDataSource dataSource = null;
    try {
      if (readOnly) {
        try (HikariDataSource migrating =
            connect(
                url,
                user,
                password,
                settings.timeouts(),
                JdbcUrls.PRIMARY_SETTING,
                Optional.empty())) {
          migrate(migrating, url, settings.timeouts());
        }
      }
      dataSource =
          connect(url, user, password, settings.timeouts(), JdbcUrls.PRIMARY_SETTING, lastOptions);
      if (!readOnly) {
        migrate(dataSource, url, settings.timeouts());
      }
      return new Database(
          dataSource,
          embedded,
          JdbcUrls.redact(url),
          JdbcUrls.toLibpq(url, user),
          settings.timeouts(),
          readOnly);
    } catch (DatabaseUnavailableException | RuntimeException e) {
      if (dataSource != null) {
        dataSource.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /**
   * Connects to a server for reads only, such as a hot standby of the primary ({@link
   * DatabaseSettings#forReads}): every session is read-only ({@code default_transaction_read_only},
   * after the URL's own options, so that they cannot turn it off), nothing is migrated, and the
   * schema must be at the newest migration of this build. A standby that has not replayed the
   * primary's latest migration yet is refused with a message that says so.
   *
   * @throws DatabaseUnavailableException when the server cannot be reached, or its schema is not
   *     current
   */
  public static Database openReadOnly(DatabaseSettings settings)
      throws DatabaseUnavailableException {
    if (settings.embedded()) {
      throw new IllegalArgumentException("a read-only database needs a URL");
    }
    String url = settings.url();
    HikariDataSource dataSource =
        connect(
            url,
            settings.user(),
            settings.password(),
            settings.timeouts(),
            DatabaseSettings.READ_SETTING,
            Optional.of(READ_ONLY_SESSIONS));
    try {
      requireCurrentSchema(dataSource, url, settings.timeouts());
      return new Database(
          dataSource,
          null,
          JdbcUrls.redact(url),
          JdbcUrls.toLibpq(url, settings.user()),
          settings.timeouts(),
          true);
    } catch (DatabaseUnavailableException | RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * The JDBC URL Puerto would use with these settings, without starting anything; for the embedded
   * server, the URL of its last start (empty before the first start).
   */
  public static Optional<String> describeUrl(DatabaseSettings settings) {
    return settings.embedded()
        ? EmbeddedServer.lastJdbcUrl(settings.home())
        : Optional.of(JdbcUrls.redact(settings.url()));
  }

  public DSLContext dsl() {
    return dsl;
  }

  /** The JDBC URL in use, with any password masked. */
  public String url() {
    return displayUrl;
  }

  /** The same database as a libpq URL for psql: with the user, never with a password. */
  public String psqlUrl() {
    return psqlUrl;
  }

  /** The Flyway version the schema is at. */
  public String schemaVersion() {
    return dsl.select(SchemaHistory.VERSION)
        .from(SchemaHistory.HISTORY)
        .where(SchemaHistory.SUCCESS.isTrue())
        .orderBy(SchemaHistory.RANK.desc())
        .limit(1)
        .fetchOne(0, String.class);
  }

  /**
   * Takes the lock named {@code work} for this process, or says that another Puerto on this
   * database holds it (see {@link WorkLock}).
   */
  public Optional<WorkLock> tryLock(String work) {
    return WorkLock.tryAcquire(dataSource, dsl, work);
  }

  public boolean embedded() {
    return embedded != null;
  }

  /** True when opened by {@link #openReadOnly}: every session refuses to write. */
  public boolean readOnly() {
    return readOnly;
  }

  /** How other tools reach the embedded server (no secret in it); empty for an external server. */
  public Optional<EmbeddedConnection> embeddedConnection() {
    return Optional.ofNullable(embedded).map(EmbeddedServer::connection);
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  /**
   * @param setting the option and variable that gave the URL, for the message when it fails
   * @param lastOptions server options that go after the URL's own, so that they hold
   */
  private static HikariDataSource connect(
      String url,
      String user,
      String password,
      DatabaseTimeouts timeouts,
      String setting,
      Optional<String> lastOptions)
      throws DatabaseUnavailableException {
    Map.Entry<String, Optional<String>> withoutOptions = JdbcUrls.takeOptions(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withoutOptions.getKey());
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setPoolName("puerto");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    // Waiting for a connection from the pool, and checking one that was idle, are bounded by the
    // connect timeout too: with the server stopped they are where a command would hang.
    config.setConnectionTimeout(timeouts.connect().toMillis());
    config.setValidationTimeout(validation(timeouts).toMillis());
    config.addDataSourceProperty("ApplicationName", "puerto");
    config.addDataSourceProperty("connectTimeout", Integer.toString(timeouts.connectSeconds()));
    config.addDataSourceProperty("loginTimeout", Integer.toString(timeouts.connectSeconds()));
    config.addDataSourceProperty("socketTimeout", Integer.toString(timeouts.socketSeconds()));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    // Sent in the startup packet, so it holds from the first statement on every connection, also
    // for connections the pool opens again later; the URL's own options come after and win.
    config.addDataSourceProperty(
        "options",
        "-c statement_timeout="
            + timeouts.statementMillis()
            // Puerto's queries are short: compiling one with LLVM cost more than running it
            // (370 ms of a 1.4 s summary query at 10 million records, measured)
            + " -c jit=off"
            + withoutOptions.getValue().map(options -> " " + options).orElse("")
            + lastOptions.map(options -> " " + options).orElse(""));
    try {
      HikariDataSource dataSource = new HikariDataSource(config);
      try (Connection probe = dataSource.getConnection()) {
        probe.isValid((int) Math.max(1, validation(timeouts).toSeconds()));
      }
      return dataSource;
    } catch (SQLException | RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot connect to "
              + JdbcUrls.redact(url)
              + ": "
              + ConnectionFailures.describe(e, timeouts).orElseGet(() -> Causes.rootMessage(e))
              + " (check "
              + setting
              + ", that the server runs, and the user and password)",
          e);
    }
  }

  private static Duration validation(DatabaseTimeouts timeouts) {
    Duration fiveSeconds = Duration.ofSeconds(5);
    return timeouts.connect().compareTo(fiveSeconds) < 0 ? timeouts.connect() : fiveSeconds;
  }

  private static void migrate(HikariDataSource dataSource, String url, DatabaseTimeouts timeouts)
      throws DatabaseUnavailableException {
    if (alreadyCurrent(dataSource)) {
      return;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:" + SchemaHistory.LOCATION)
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new DatabaseUnavailableException(
          "cannot migrate the schema of "
              + JdbcUrls.redact(url)
              + ": "
              + ConnectionFailures.describe(e, timeouts).orElseGet(() -> Causes.rootMessage(e)),
          e);
    }
  }

  private static void requireCurrentSchema(
      HikariDataSource dataSource, String url, DatabaseTimeouts timeouts)
      throws DatabaseUnavailableException {
    Optional<String> newest = SchemaHistory.newestMigration(Database.class.getClassLoader());
    if (newest.isEmpty()) {
      throw new IllegalStateException("the migrations are missing from Puerto's class path");
    }
    Optional<String> problem;
    try (Connection connection = dataSource.getConnection()) {
      problem = SchemaHistory.whyNotAt(connection, newest.get());
    } catch (SQLException | DataAccessException e) {
      throw new DatabaseUnavailableException(
          "cannot read the schema version of the read database "
              + JdbcUrls.redact(url)
              + ": "
              + ConnectionFailures.describe(e, timeouts).orElseGet(() -> Causes.rootMessage(e)),
          e);
    }
    if (problem.isPresent()) {
      // Puerto never migrates a read database: the primary is migrated, the standby replays it.
      throw new DatabaseUnavailableException(
          "the read database "
              + JdbcUrls.redact(url)
              + " ("
              + DatabaseSettings.READ_SETTING
              + ") cannot be used yet: "
              + problem.get()
              + ". Puerto migrates only the primary (--db), and a hot standby has the schema once"
              + " it has replayed the migration: run a command against --db, wait until the"
              + " standby has caught up (and check that it replicates that database), or leave out"
              + " --read-db to read from --db");
    }
  }

  /** The cheap check first; anything it cannot tell is Flyway's to decide (and to explain). */
  private static boolean alreadyCurrent(HikariDataSource dataSource) {
    Optional<String> newest = SchemaHistory.newestMigration(Database.class.getClassLoader());
    if (newest.isEmpty()) {
      return false;
    }
    try (Connection connection = dataSource.getConnection()) {
      return SchemaHistory.isAt(connection, newest.get());
    } catch (SQLException | DataAccessException e) {
      return false;
    }
  }
}
