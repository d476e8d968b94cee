package dev.puerto.cli;

import dev.puerto.oauth.AccessTokens;
import dev.puerto.oauth.TokenException;
import dev.puerto.source.ImapException;
import dev.puerto.source.ImapFolders;
import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapSecurity;
import dev.puerto.source.ImapSettings;
import dev.puerto.source.ImapSettings.ImapLogin;
import dev.puerto.source.ImapSettings.Secret;
import dev.puerto.source.TokenCommand;
import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The mailbox options of {@code fetch} and {@code watch}. Every option has an environment variable
 * and a config-file key of the same name; values are strings here so that the three sources resolve
 * alike (option, then environment, then file).
 */
final class ImapOptions {
  private static final Logger log = LoggerFactory.getLogger(ImapOptions.class);

  @Option(
      names = "--imap-host",
      paramLabel = "HOST",
      description = "IMAP server (env PUERTO_IMAP_HOST)")
  String host;

  @Option(
      names = "--imap-port",
      paramLabel = "PORT",
      description = "port (env PUERTO_IMAP_PORT; default 993 for imaps, 143 otherwise)")
  String port;

  @Option(
      names = "--imap-user",
      paramLabel = "USER",
      description = "login name (env PUERTO_IMAP_USER)")
  String user;

  @Option(
      names = "--imap-security",
      paramLabel = "imaps|starttls|plain",
      description =
          "imaps (TLS, the default), starttls (STARTTLS required) or plain (unencrypted, only"
              + " when named; env PUERTO_IMAP_SECURITY)")
  String security;

  @Option(
      names = "--imap-folder",
      paramLabel = "FOLDER",
      description = "folder to read (env PUERTO_IMAP_FOLDER; default INBOX)")
  String folder;

  @Option(
      names = "--imap-password-file",
      paramLabel = "FILE",
      description =
          "file whose first line is the password (env PUERTO_IMAP_PASSWORD_FILE; or the password"
              + " itself in env PUERTO_IMAP_PASSWORD; asked for on a terminal otherwise)")
  String passwordFile;

  @Option(
      names = "--imap-oauth2-token-file",
      paramLabel = "FILE",
      description =
          "log in with XOAUTH2, the access token being the file's first line, read at each"
              + " connection (env PUERTO_IMAP_OAUTH2_TOKEN_FILE)")
  String tokenFile;

  @Option(
      names = "--imap-oauth2-token-command",
      paramLabel = "COMMAND",
      description =
          "log in with XOAUTH2, the access token being the first line this shell command prints,"
              + " run at each connection (env PUERTO_IMAP_OAUTH2_TOKEN_COMMAND)")
  String tokenCommand;

  @Mixin OAuth2Options oauth2;

  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      description =
          "PKCS#12 or JKS key store with the certificates to trust (self-signed or private CA"
              + " servers; env PUERTO_TRUST_STORE); host names are verified either way")
  String trustStore;

  @Option(
      names = "--trust-store-password-file",
      paramLabel = "FILE",
      description =
          "file whose first line is the trust store's password (env"
              + " PUERTO_TRUST_STORE_PASSWORD_FILE)")
  String trustStorePasswordFile;

  @Option(
      names = "--processed-folder",
      paramLabel = "FOLDER",
      description =
          "where messages with reports go, created if missing (env PUERTO_IMAP_PROCESSED_FOLDER;"
              + " default Archive/DMARC)")
  String processedFolder;

  @Option(
      names = "--invalid-folder",
      paramLabel = "FOLDER",
      description =
          "where messages without an aggregate report go (env PUERTO_IMAP_INVALID_FOLDER; default"
              + " Archive/Invalid)")
  String invalidFolder;

  @Option(
      names = "--failure-report-folder",
      paramLabel = "FOLDER",
      description =
          "where DMARC failure (forensic) reports go (env PUERTO_IMAP_FAILURE_REPORT_FOLDER;"
              + " default Archive/Forensic)")
  String failureReportFolder;

  @Option(
      names = "--tls-report-folder",
      paramLabel = "FOLDER",
      description =
          "where SMTP TLS reports go (env PUERTO_IMAP_TLS_REPORT_FOLDER; default Archive/TLS)")
  String tlsReportFolder;

  @Option(
      names = "--after-import",
      paramLabel = "move|mark-seen|delete",
      description =
          "what happens to a message once its reports are committed: move (default) to its"
              + " folder; mark-seen leaves it in place flagged seen (seen messages are skipped);"
              + " delete removes messages with reports and still moves the others (env"
              + " PUERTO_IMAP_AFTER_IMPORT)")
  String afterImport;

  /** Resolves the settings; the password prompt, if needed, happens here. */
  ImapSettings settings(Config config, Duration readTimeout) throws ConfigException {
    String resolvedHost =
        config
            .get("PUERTO_IMAP_HOST", host)
            .orElseThrow(
                () -> new ConfigException("no IMAP server: give --imap-host or PUERTO_IMAP_HOST"));
    ImapSecurity resolvedSecurity = security(config.get("PUERTO_IMAP_SECURITY", security));
    if (resolvedSecurity == ImapSecurity.PLAIN) {
      log.warn(
          "--imap-security plain: the login and the reports cross the network unencrypted;"
              + " use imaps or starttls unless the server is on this machine");
    }
    Optional<String> portText = config.get("PUERTO_IMAP_PORT", port);
    int resolvedPort =
        portText.isEmpty()
            ? resolvedSecurity.defaultPort()
            : port(portText.get())
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "IMAP port must be a number from 1 to 65535, not '"
                                + portText.get()
                                + "'"));
    String resolvedUser =
        config
            .get("PUERTO_IMAP_USER", user)
            .orElseThrow(
                () -> new ConfigException("no IMAP user: give --imap-user or PUERTO_IMAP_USER"));
    Optional<Path> store = config.get("PUERTO_TRUST_STORE", trustStore).map(Path::of);
    Optional<Path> storePasswordFile =
        config.get("PUERTO_TRUST_STORE_PASSWORD_FILE", trustStorePasswordFile).map(Path::of);
    String storePassword = null;
    if (storePasswordFile.isPresent()) {
      storePassword = Config.readSecretFile(storePasswordFile.get(), "trust store password");
    }
    ImapFolders folders =
        new ImapFolders(
            config.get("PUERTO_IMAP_FOLDER", folder).orElse("INBOX"),
            config.get("PUERTO_IMAP_PROCESSED_FOLDER", processedFolder).orElse("Archive/DMARC"),
            config.get("PUERTO_IMAP_INVALID_FOLDER", invalidFolder).orElse("Archive/Invalid"),
            config
                .get("PUERTO_IMAP_FAILURE_REPORT_FOLDER", failureReportFolder)
                .orElse("Archive/Forensic"),
            config.get("PUERTO_IMAP_TLS_REPORT_FOLDER", tlsReportFolder).orElse("Archive/TLS"));
    return new ImapSettings(
        resolvedHost,
        resolvedPort,
        resolvedSecurity,
        login(config, resolvedUser, resolvedHost),
        store.orElse(null),
        storePassword,
        folders,
        afterImport(config.get("PUERTO_IMAP_AFTER_IMPORT", afterImport)),
        readTimeout);
  }

  private ImapLogin login(Config config, String user, String host) throws ConfigException {
    Optional<String> tokenPath = config.get("PUERTO_IMAP_OAUTH2_TOKEN_FILE", tokenFile);
    Optional<String> command = config.get("PUERTO_IMAP_OAUTH2_TOKEN_COMMAND", tokenCommand);
    boolean builtIn = oauth2.named(config);
    if ((tokenPath.isPresent() ? 1 : 0) + (command.isPresent() ? 1 : 0) + (builtIn ? 1 : 0) > 1) {
      throw new ConfigException(
          "give one of an OAuth2 token file, a token command or an OAuth2 provider, not several");
    }
    if (builtIn) {
      AccessTokens tokens = oauth2.tokens(config, user);
      return new ImapLogin(user, true, () -> token(tokens));
    }
    if (tokenPath.isPresent()) {
      Path file = Path.of(tokenPath.get());
      return new ImapLogin(user, true, () -> fromFile(file, "OAuth2 access token"));
    }
    if (command.isPresent()) {
      return new ImapLogin(user, true, new TokenCommand(command.get()));
    }
    return new ImapLogin(user, false, password(config, user, host));
  }

  /** Option file, then the password itself, then a file from env or config, then a prompt. */
  private Secret password(Config config, String user, String host) throws ConfigException {
    // Both keys are looked up whatever is found, so a mailbox section may set either (Mailboxes).
    Optional<String> password = config.get("PUERTO_IMAP_PASSWORD", null);
    Optional<String> file = config.get("PUERTO_IMAP_PASSWORD_FILE", passwordFile);
    if (passwordFile != null) {
      Path path = Path.of(passwordFile);
      return () -> fromFile(path, "IMAP password");
    }
    if (password.isPresent()) {
      String value = password.get();
      return () -> value;
    }
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      return () -> fromFile(path, "IMAP password");
    }
    Console console = System.console();
    if (console != null && Progress.interactive()) {
      char[] typed = console.readPassword("IMAP password for %s on %s: ", user, host);
      if (typed != null && typed.length > 0) {
        String value = new String(typed);
        return () -> value;
      }
    }
    throw new ConfigException(
        "no IMAP password: set PUERTO_IMAP_PASSWORD, give --imap-password-file FILE, or run on a"
            + " terminal to be asked");
  }

  /** A token failure as the mailbox run sees it: unreachable is retried by watch, like IMAP. */
  private static String token(AccessTokens tokens) throws ImapException {
    try {
      return tokens.current();
    } catch (TokenException e) {
      throw failure(e);
    }
  }

  static ImapException failure(TokenException e) {
    ImapException.Kind kind =
        switch (e.kind()) {
          case UNREACHABLE -> ImapException.Kind.UNREACHABLE;
          case REFUSED -> ImapException.Kind.LOGIN_REFUSED;
          case CONFIGURATION -> ImapException.Kind.CONFIGURATION;
        };
    return new ImapException(kind, e.getMessage(), e);
  }

  private static String fromFile(Path file, String what) throws ImapException {
    try {
      return Config.readSecretFile(file, what);
    } catch (ConfigException e) {
      throw new ImapException(ImapException.Kind.CONFIGURATION, e.getMessage(), e);
    }
  }

  private static ImapSecurity security(Optional<String> value) throws ConfigException {
    if (value.isEmpty()) {
      return ImapSecurity.IMAPS;
    }
    try {
      return ImapSecurity.valueOf(value.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "IMAP security must be imaps, starttls or plain, not '" + value.get() + "'");
    }
  }

  private static Optional<Integer> port(String value) {
    try {
      int number = Integer.parseInt(value.strip());
      return number >= 1 && number <= 65535 ? Optional.of(number) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static AfterImport afterImport(Optional<String> value) throws ConfigException {
    if (value.isEmpty()) {
      return AfterImport.MOVE;
    }
    try {
      return AfterImport.valueOf(value.get().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--after-import must be move, mark-seen or delete, not '" + value.get() + "'");
    }
  }

  /**
   * A duration like {@code 90s}, {@code 5m}, {@code 1h}, {@code 250ms} or ISO-8601 {@code PT5M}.
   */
  static Duration duration(String key, Optional<String> value, Duration fallback)
      throws ConfigException {
    if (value.isEmpty()) {
      return fallback;
    }
    String text = value.get().strip().toLowerCase(Locale.ROOT);
    try {
      Duration parsed;
      if (text.startsWith("pt")) {
        parsed = Duration.parse(text);
      } else if (text.endsWith("ms")) {
        parsed = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        parsed =
            switch (text.charAt(text.length() - 1)) {
              case 's' -> Duration.ofSeconds(amount);
              case 'm' -> Duration.ofMinutes(amount);
              case 'h' -> Duration.ofHours(amount);
              case 'd' -> Duration.ofDays(amount);
              default -> throw new NumberFormatException(text);
            };
      }
      if (parsed.isNegative() || parsed.isZero()) {
        throw new NumberFormatException(text);
      }
      return parsed;
    } catch (RuntimeException e) {
      throw new ConfigException(
          key + " must be a duration such as 30s, 5m, 1h or 400d, not '" + value.get() + "'");
    }
  }
}
