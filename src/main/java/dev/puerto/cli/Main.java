package dev.puerto.cli;

import dev.puerto.alert.AlertSettings;
import dev.puerto.alert.Alerts;
import dev.puerto.alert.Channel;
import dev.puerto.analyze.Analyzer;
import dev.puerto.check.DomainCheck;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.enrich.IpDatabase;
import dev.puerto.enrich.SourceEnricher;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.ingest.Ingester;
import dev.puerto.ingest.ReportParsers;
import dev.puerto.ingest.ReportStores;
import dev.puerto.run.MailboxRun;
import dev.puerto.run.MailboxRuns;
import dev.puerto.run.Stop;
import dev.puerto.sender.Catalogue;
import dev.puerto.source.FileSource;
import dev.puerto.source.ImapException;
import dev.puerto.source.ImapSettings;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseFailure;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.store.DatabaseTimeouts;
import dev.puerto.store.DatabaseUnavailableException;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import dev.puerto.terminal.TerminalOutput;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import dev.puerto.web.Dashboard;
import dev.puerto.web.DashboardSettings;
import jakarta.mail.util.StreamProvider;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code puerto}: the command line, and the one place where the parts are wired together. */
@Command(
    name = "puerto",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Puerto imports DMARC aggregate reports (and DMARC failure and SMTP TLS reports) into"
          + " PostgreSQL, so that who sends as your domains, and whether SPF and DKIM pass and"
          + " align, is one SQL query away.",
      "",
      "Without --db (or PUERTO_DB_URL), Puerto runs its own embedded PostgreSQL with data"
          + " under PUERTO_HOME (default ~/.local/share/puerto)."
    },
    subcommands = {
      ImportCommand.class,
      FetchCommand.class,
      WatchCommand.class,
      ImapCommand.class,
      ReparseCommand.class,
      PruneCommand.class,
      DbCommand.class,
      SqlCommand.class,
      SummaryCommand.class,
      AlertsCommand.class,
      AnalyzeCommand.class,
      CheckCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
      "Every option above has an environment variable (PUERTO_DB_URL, PUERTO_DB_USER,"
          + " PUERTO_DB_PASSWORD, PUERTO_HOME, PUERTO_LANG; for summary, analyze and sql also PUERTO_READ_DB_URL;"
          + " for analyze and check also PUERTO_DNS_SERVER,"
          + " PUERTO_DNS_CONCURRENCY, PUERTO_BLOCKLISTS; for summary's mail see puerto summary"
          + " --help), and the config file takes the same keys as"
          + " KEY=value lines. Options win over the environment, which wins over the file."
          + " The default config file is ~/.config/puerto/puerto.conf."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything imported, or already there (duplicates); check: nothing wrong",
      "1:some input or report was rejected (the rest was imported); check: something is wrong;"
          + " analyze: DNS errors left some sources unjudged",
      "2:usage or configuration error",
      "3:database unavailable, or the --read-db schema is not current",
      "4:internal error (a bug in Puerto: please report it with the output)",
      "5:the IMAP server refused the login (user, password or OAuth2 token)",
      "6:the IMAP server is unreachable, the connection broke, or TLS failed"
    })
public final class Main {
  @Option(
      names = "--db",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "PostgreSQL server, as a JDBC URL (jdbc:postgresql://host/db) or a libpq URL"
              + " (postgresql://user@host/db) (env PUERTO_DB_URL); default: embedded")
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      scope = ScopeType.INHERIT,
      description = "database user (env PUERTO_DB_USER)")
  String dbUser;

  @Option(
      names = "--db-password-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "file whose first line is the database password (env PUERTO_DB_PASSWORD)")
  Path dbPasswordFile;

  @Option(
      names = "--db-connect-timeout",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      description =
          "longest wait to connect to the database and log in (env PUERTO_DB_CONNECT_TIMEOUT;"
              + " default 10s)")
  String dbConnectTimeout;

  @Option(
      names = "--db-socket-timeout",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      description =
          "longest wait for any answer from the database, after which the command stops with"
              + " exit code 3; longer than the statement timeout (env PUERTO_DB_SOCKET_TIMEOUT;"
              + " default: the statement timeout + 30s, 150s)")
  String dbSocketTimeout;

  @Option(
      names = "--db-statement-timeout",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      description =
          "longest time one SQL statement may run on the server (statement_timeout; env"
              + " PUERTO_DB_STATEMENT_TIMEOUT; default 2m)")
  String dbStatementTimeout;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "config file with KEY=value lines (default ~/.config/puerto/puerto.conf)")
  Path configFile;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Puerto's data directory (env PUERTO_HOME; default ~/.local/share/puerto)")
  Path home;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      scope = ScopeType.INHERIT,
      description =
          "language of the summary, its mail, the dashboard and analyze's actions: en or es"
              + " (env PUERTO_LANG;"
              + " default en, whatever the system's locale; help and logs stay English)")
  String lang;

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private final Map<String, String> env;
  private final InputStream stdin;
  private boolean stdoutTerminal;

  Main(Map<String, String> env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    // Jakarta Mail looks its StreamProvider up with ServiceLoader, scanning the jar, for every
    // header block and body part it parses (jakartaee/mail-api#699, #861); naming the provider
    // turns that into a class lookup: a fifth less CPU for an import of mailed reports.
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }
    System.exit(run(args, System.getenv(), System.in, System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    // Everything printed goes through writers that escape control characters: results and
    // messages quote what reporters wrote. The progress bar reaches the raw stderr through
    // TerminalOutput.unescaped.
    PrintWriter stdout = TerminalOutput.escaping(out);
    PrintWriter stderr = TerminalOutput.escaping(err);
    Main main = new Main(env, in);
    main.stdoutTerminal = out == System.out && Progress.interactive();
    CommandLine commandLine = new CommandLine(main);
    commandLine.setOut(stdout);
    commandLine.setErr(stderr);
    // No colours: they would be ANSI escapes, which the writers above show as text.
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    commandLine.setExecutionExceptionHandler(Main::handleFailure);
    commandLine.setParameterExceptionHandler(new UsageErrors());
    EnumNames.register(commandLine);
    HelpLayout.keepValuesWhole(commandLine);
    try {
      return commandLine.execute(args);
    } finally {
      stdout.flush();
      stderr.flush();
    }
  }

  /** True when standard output is a terminal (tables are then cut to fit). */
  boolean stdoutTerminal() {
    return stdoutTerminal;
  }

  InputStream stdin() {
    return stdin;
  }

  /** The environment and the config file, for settings a command resolves itself. */
  Config config() throws ConfigException {
    return Config.load(env, configFile);
  }

  /**
   * The language people read: --lang, else PUERTO_LANG, else the config file, else English. Never
   * the system's locale: a server's locale says little about who reads its mail.
   */
  Messages messages() throws ConfigException {
    Optional<String> tag = config().get("PUERTO_LANG", lang);
    try {
      return Messages.of(tag.map(Lang::parse).orElse(Lang.EN));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--lang (PUERTO_LANG): " + e.getMessage(), e);
    }
  }

  DatabaseSettings databaseSettings() throws ConfigException {
    Config config = config();
    return settings(
        config,
        (user, password, timeouts) ->
            new DatabaseSettings(
                config.get("PUERTO_DB_URL", dbUrl).orElse(null),
                user,
                password,
                config.home(home == null ? null : home.toString()),
                timeouts));
  }

  /**
   * The settings of the server reads go to ({@code --read-db URL}, else PUERTO_READ_DB_URL, else
   * the config file), or empty when reads go to the primary: the same user, password and timeouts
   * as --db, unless the URL carries its own user or password.
   */
  Optional<DatabaseSettings> readDatabaseSettings(String readDbOption) throws ConfigException {
    Config config = config();
    Optional<String> url = config.get("PUERTO_READ_DB_URL", readDbOption);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        settings(
            config,
            (user, password, timeouts) ->
                DatabaseSettings.forReads(url.get(), user, password, timeouts)));
  }

  private interface SettingsOf {
    DatabaseSettings of(String user, String password, DatabaseTimeouts timeouts);
  }

  /** The user, password and timeouts both databases share, read and validated here for both. */
  private DatabaseSettings settings(Config config, SettingsOf settingsOf) throws ConfigException {
    String password =
        dbPasswordFile != null
            ? Config.readSecretFile(dbPasswordFile, "database password")
            : config.get("PUERTO_DB_PASSWORD", null).orElse(null);
    try {
      var statement =
          ImapOptions.duration(
              "--db-statement-timeout",
              config.get("PUERTO_DB_STATEMENT_TIMEOUT", dbStatementTimeout),
              DatabaseTimeouts.DEFAULT_STATEMENT);
      DatabaseTimeouts timeouts =
          new DatabaseTimeouts(
              ImapOptions.duration(
                  "--db-connect-timeout",
                  config.get("PUERTO_DB_CONNECT_TIMEOUT", dbConnectTimeout),
                  DatabaseTimeouts.DEFAULT_CONNECT),
              ImapOptions.duration(
                  "--db-socket-timeout",
                  config.get("PUERTO_DB_SOCKET_TIMEOUT", dbSocketTimeout),
                  DatabaseTimeouts.defaultSocket(statement)),
              statement);
      return settingsOf.of(config.get("PUERTO_DB_USER", dbUser).orElse(null), password, timeouts);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  Database openDatabase() throws ConfigException, DatabaseUnavailableException {
    return Database.open(databaseSettings());
  }

  /** The database of a command that imports (import, fetch, watch, reparse). */
  Database openDatabaseForImport() throws ConfigException, DatabaseUnavailableException {
    return Database.openForImport(databaseSettings());
  }

  /** The analyzer reading reports from {@code reads} and storing findings in {@code writes}. */
  static Analyzer analyzer(
      ReadDatabaseOption.Databases databases,
      DnsClient dns,
      Blocklists blocklists,
      int workers,
      Messages messages) {
    return new Analyzer(
        databases.reads(),
        databases.writes(),
        dns,
        blocklists,
        Catalogue.load(),
        Clock.systemUTC(),
        workers,
        messages);
  }

  /** Names the sources that are due (PTR, ASN, country), on the primary database. */
  static SourceEnricher sourceEnricher(
      Database database,
      Supplier<DnsClient> dns,
      IpDatabase ipDatabase,
      SourceEnricher.Settings settings) {
    return new SourceEnricher(
        database.dsl(), dns, ipDatabase, Catalogue.load(), settings, Clock.systemUTC());
  }

  /** {@code puerto check}'s audit of a domain as DNS has it now. */
  static DomainCheck domainCheck(DnsClient dns, Blocklists blocklists) {
    return new DomainCheck(dns, blocklists, Clock.systemUTC());
  }

  /** The import pipeline over a database. */
  static Ingester ingester(Database database, boolean keepFailureBodies) {
    return new Ingester(
        new Unpacker(UnpackLimits.defaults()),
        ReportParsers.of(keepFailureBodies),
        ReportStores.of(database));
  }

  /** The mailbox pipeline of fetch and watch, importing into the database. */
  static MailboxRun mailboxRun(
      Database database, ImapSettings settings, Stop stop, boolean keepFailureBodies) {
    return new MailboxRun(database, ingester(database, keepFailureBodies), settings, stop);
  }

  /** Several named mailboxes of fetch and watch, each with its pipeline. */
  static MailboxRuns mailboxRuns(
      Database database, List<Mailboxes.Mailbox> mailboxes, Stop stop, boolean keepFailureBodies) {
    return new MailboxRuns(
        mailboxes.stream()
            .map(
                mailbox ->
                    new MailboxRuns.Named(
                        mailbox.name(),
                        mailboxRun(database, mailbox.settings(), stop, keepFailureBodies)))
            .toList(),
        stop);
  }

  /** Files, directories and stdin, read within the same input limit as the pipeline's. */
  static FileSource fileSource(List<String> excludeGlobs) {
    return new FileSource(excludeGlobs, UnpackLimits.defaults().maxInputBytes());
  }

  /** The weekly summary over a database. */
  static Summarizer summarizer(Database database, Messages messages) {
    return new Summarizer(new SummaryReader(database.dsl()), messages);
  }

  /** The alert rules and their delivery over the primary database. */
  static Alerts alerts(Database database, AlertSettings settings, List<Channel> channels) {
    return new Alerts(database.dsl(), settings, channels, Clock.systemUTC());
  }

  /** {@code puerto serve}'s dashboard over a (read-only) database, in the summarizer's language. */
  static Dashboard dashboard(DashboardSettings settings, Database database, Messages messages) {
    return Dashboard.start(
        settings, database.dsl(), summarizer(database, messages), Clock.systemUTC());
  }

  /** Puerto's data directory as --home, PUERTO_HOME and the config file give it. */
  Path home() throws ConfigException {
    return config().home(home == null ? null : home.toString());
  }

  private static int handleFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof ConfigException) {
      err.println("puerto: " + failure.getMessage());
      return ExitCode.USAGE;
    }
    if (failure instanceof DatabaseUnavailableException) {
      err.println("puerto: " + failure.getMessage());
      return ExitCode.DATABASE;
    }
    if (failure instanceof ImapException imap) {
      err.println("puerto: " + failure.getMessage());
      return ExitCode.of(imap.kind());
    }
    String command = commandLine.getCommandName();
    Optional<DatabaseFailure> database = DatabaseFailure.find(failure);
    if (database.isPresent()) {
      // The statement (and jOOQ's message, which quotes it in full) only at DEBUG.
      log.debug("{} failed", command, failure);
      err.println("puerto: " + database.get().describe(command));
      return database.get().kind().databaseFailed() ? ExitCode.DATABASE : ExitCode.INTERNAL;
    }
    err.println(
        "puerto: "
            + command
            + ": internal error (a bug in Puerto: please report it with this output): "
            + failure);
    failure.printStackTrace(err);
    return ExitCode.INTERNAL;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"puerto " + (version == null ? "(development build)" : version)};
    }
  }
}
